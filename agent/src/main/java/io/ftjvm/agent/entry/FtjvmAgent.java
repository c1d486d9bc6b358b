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
 * The agent's entry point, kept tiny on purpose: it makes sure the agent jar is on the bootstrap
 * search path (so JDK classes can call the hooks in {@code io.ftjvm.bootstrap}), loads everything
 * else from the embedded implementation jar in a private class loader (so the application never
 * sees the agent's libraries, nor they the application's), and hands off. premain and agentmain
 * share one guarded start.
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
      File agentJar = agentJar();
      JarFile jar = new JarFile(agentJar);
      if (FtjvmAgent.class.getClassLoader() != null) {
        // The manifest's Boot-Class-Path names the jar as it is built, ftjvm-agent.jar: this one
        // was renamed. Appending it now works the same, but the JVM prints a warning (class
        // sharing is then limited to the boot loader's classes).
        inst.appendToBootstrapClassLoaderSearch(jar);
      }
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

  /**
   * The jar this class was loaded from. Put on the boot class path by the manifest, the class has
   * no code source, but the boot loader still names the jar its class file came from.
   */
  private static File agentJar() throws Exception {
    java.security.CodeSource source = FtjvmAgent.class.getProtectionDomain().getCodeSource();
    if (source != null) {
      return new File(source.getLocation().toURI());
    }
    URL self = FtjvmAgent.class.getResource("FtjvmAgent.class");
    String url = self == null ? "" : self.toString();
    int end = url.indexOf("!/");
    if (!url.startsWith("jar:") || end < 0) {
      throw new IOException("cannot tell which jar the agent was loaded from (" + url + ")");
    }
    return new File(new java.net.URI(url.substring("jar:".length(), end)));
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
