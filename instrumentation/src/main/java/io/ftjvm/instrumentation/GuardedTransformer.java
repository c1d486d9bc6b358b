package io.ftjvm.instrumentation;

import io.ftjvm.bootstrap.AppThreads;
import io.ftjvm.bootstrap.ThreadState;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Class transformation runs on the application thread that loads the class. Byte Buddy's own work
 * there (hash maps, clocks) must not become determinants, so the guard is raised around it.
 */
final class GuardedTransformer extends ResettableClassFileTransformer.WithDelegation {
  GuardedTransformer(ResettableClassFileTransformer delegate) {
    super(delegate);
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String name,
      Class<?> redefined,
      ProtectionDomain domain,
      byte[] classFile) {
    return guarded(null, loader, name, redefined, domain, classFile, false);
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String name,
      Class<?> redefined,
      ProtectionDomain domain,
      byte[] classFile) {
    return guarded(module, loader, name, redefined, domain, classFile, true);
  }

  private byte[] guarded(
      Module module,
      ClassLoader loader,
      String name,
      Class<?> redefined,
      ProtectionDomain domain,
      byte[] classFile,
      boolean withModule) {
    ThreadState thread = AppThreads.current();
    if (thread != null) {
      thread.enterAgent();
    }
    try {
      return withModule
          ? classFileTransformer.transform(module, loader, name, redefined, domain, classFile)
          : classFileTransformer.transform(loader, name, redefined, domain, classFile);
    } catch (Exception e) {
      return null;
    } finally {
      if (thread != null) {
        thread.exitAgent();
      }
    }
  }
}
