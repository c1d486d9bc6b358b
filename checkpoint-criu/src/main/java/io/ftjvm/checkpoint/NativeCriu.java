package io.ftjvm.checkpoint;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads libcriu by absolute path. When a {@code libprotobuf-c.so.1} lies next to it (a privately
 * provisioned libcriu; Debian 12 does not necessarily have that library installed), that copy is
 * loaded first, so the dynamic linker resolves libcriu's dependency to it by soname.
 */
final class NativeCriu {

  private static final Map<Path, LibCriu> LOADED = new ConcurrentHashMap<>();

  private NativeCriu() {}

  static LibCriu load(Path libcriu) throws CheckpointException {
    Path lib = libcriu.toAbsolutePath().normalize();
    LibCriu loaded = LOADED.get(lib);
    if (loaded != null) {
      return loaded;
    }
    synchronized (LOADED) {
      loaded = LOADED.get(lib);
      if (loaded != null) {
        return loaded;
      }
      if (!Files.exists(lib)) {
        throw new CheckpointException("libcriu not found at " + lib);
      }
      Path protobuf = lib.resolveSibling("libprotobuf-c.so.1");
      try {
        if (Files.exists(protobuf)) {
          NativeLibrary.getInstance(protobuf.toString());
        }
        loaded = Native.load(lib.toString(), LibCriu.class);
      } catch (UnsatisfiedLinkError e) {
        throw new CheckpointException("cannot load libcriu from " + lib + ": " + e.getMessage(), e);
      }
      LOADED.put(lib, loaded);
      return loaded;
    }
  }
}
