package io.ftjvm.instrumentation.cache;

import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Serves a JDK class from the {@link TransformationCache} when it has seen the same bytes before,
 * and otherwise lets the capture transform it and keeps the result. Classes of other loaders go
 * straight to the capture.
 *
 * <p>A class loaded while another (of any loader) is being transformed goes to the capture and is
 * not remembered: Byte Buddy leaves it alone then (its circularity lock) and instruments it
 * afterwards by retransformation, from the same bytes; remembering "unchanged" would make that
 * later retransformation leave it uninstrumented.
 */
public final class CachingTransformer extends ResettableClassFileTransformer.WithDelegation {
  private final TransformationCache cache;
  private final ThreadLocal<Boolean> transforming = new ThreadLocal<>();

  public CachingTransformer(ResettableClassFileTransformer delegate, TransformationCache cache) {
    super(delegate);
    this.cache = cache;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String name,
      Class<?> redefined,
      ProtectionDomain domain,
      byte[] classFile)
      throws java.lang.instrument.IllegalClassFormatException {
    return transform(null, loader, name, redefined, domain, classFile, false);
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String name,
      Class<?> redefined,
      ProtectionDomain domain,
      byte[] classFile)
      throws java.lang.instrument.IllegalClassFormatException {
    return transform(module, loader, name, redefined, domain, classFile, true);
  }

  private byte[] transform(
      Module module,
      ClassLoader loader,
      String name,
      Class<?> redefined,
      ProtectionDomain domain,
      byte[] classFile,
      boolean withModule)
      throws java.lang.instrument.IllegalClassFormatException {
    boolean nested = transforming.get() != null;
    boolean cacheable = loader == null && name != null && !nested;
    if (cacheable) {
      TransformationCache.Entry known = cache.lookup(name, classFile);
      if (known != null) {
        return known.output();
      }
    }
    if (!nested) {
      transforming.set(Boolean.TRUE);
    }
    try {
      byte[] output =
          withModule
              ? classFileTransformer.transform(module, loader, name, redefined, domain, classFile)
              : classFileTransformer.transform(loader, name, redefined, domain, classFile);
      if (cacheable) {
        cache.remember(name, classFile, output);
      }
      return output;
    } finally {
      if (!nested) {
        transforming.remove();
      }
    }
  }

  /** A transformation of this class failed: it must not be remembered as a result. */
  public void failed(String typeName) {
    cache.forget(typeName.replace('.', '/'));
  }
}
