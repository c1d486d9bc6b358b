package io.ftjvm.agent.entry;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The agent's entry point, kept tiny on purpose: it puts the agent jar on the bootstrap search path
 * (so JDK classes can call the hooks in {@code io.ftjvm.bootstrap}), loads everything else from the
 * embedded implementation jar in a private class loader (so the application never sees the agent's
 * libraries, nor they the application's), and hands off. premain and agentmain share one guarded
 * start.
 */
public final class FtjvmAgent {
  private static final String IMPL_ENTRY = "io/ftjvm/agent/impl.jar";
  private static boolean started;

  private FtjvmAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  /** Run as a program, the jar only explains how it is meant to be used. */
  public static void main(String[] args) {
    System.out.println(
        "ftjvm-agent.jar is a Java agent: java -javaagent:ftjvm-agent.jar=mode=record,dir=DIR ..."
            + "\nMost people use it through ./ftjvm (see ./ftjvm --help).");
  }

  private static synchronized void start(String args, Instrumentation inst, boolean attached) {
    if (started) {
      System.err.println(
          "[ftjvm] the agent is already running in this JVM; ignoring a second start");
      return;
    }
    started = true;
    try {
      File agentJar =
          new File(FtjvmAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      JarFile jar = new JarFile(agentJar);
      inst.appendToBootstrapClassLoaderSearch(jar);
      Path impl = extractImplementation(jar, agentJar);
      ClassLoader loader =
          new URLClassLoader(
              "ftjvm-agent",
              new URL[] {impl.toUri().toURL()},
              ClassLoader.getPlatformClassLoader());
      Class<?> main = Class.forName("io.ftjvm.agent.wiring.AgentStart", true, loader);
      main.getMethod("start", String.class, Instrumentation.class, boolean.class, String.class)
          .invoke(null, args, inst, attached, agentJar.getPath());
    } catch (java.lang.reflect.InvocationTargetException e) {
      fail(e.getCause());
    } catch (Throwable t) {
      fail(t);
    }
  }

  private static void fail(Throwable t) {
    System.err.println("[ftjvm] the agent could not start: " + t);
    if (Boolean.getBoolean("ftjvm.debug")) {
      t.printStackTrace();
    }
  }

  /**
   * Copies the implementation jar next to the temp directory once per agent build (the name carries
   * the entry's CRC), so every JVM that uses the same agent shares one copy. The copy is never
   * deleted while in use: a CRIU restore needs the open file to still be there.
   */
  private static Path extractImplementation(JarFile jar, File agentJar) throws IOException {
    ZipEntry entry = jar.getEntry(IMPL_ENTRY);
    if (entry == null) {
      throw new IOException(
          agentJar + " is not a complete FT-JVM agent jar: " + IMPL_ENTRY + " is missing");
    }
    Path dir =
        Path.of(
            System.getProperty("java.io.tmpdir"),
            "ftjvm-agent-" + System.getProperty("user.name", "user"));
    Files.createDirectories(dir);
    Path target =
        dir.resolve("impl-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize() + ".jar");
    if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
      return target;
    }
    Path temp = Files.createTempFile(dir, "impl-", ".part");
    try (InputStream in = jar.getInputStream(entry)) {
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }
}
