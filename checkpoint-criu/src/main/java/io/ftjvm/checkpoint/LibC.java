package io.ftjvm.checkpoint;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls the CRIU engine needs, through JNA. */
interface LibC extends Library {

  int O_RDONLY = 0;

  /** Same value on x86-64 and aarch64. */
  int O_CLOEXEC = 0x80000;

  int WNOHANG = 1;
  int ECHILD = 10;

  int O_WRONLY = 1;

  /** fallocate modes (linux/falloc.h). */
  int FALLOC_FL_KEEP_SIZE = 1;

  int FALLOC_FL_PUNCH_HOLE = 2;

  /** lseek whence values for sparse files (Linux). */
  int SEEK_DATA = 3;

  int SEEK_HOLE = 4;

  int ENXIO = 6;

  int open(String path, int flags) throws LastErrorException;

  /** off_t is 64 bits on the 64-bit Linux targets FT-JVM runs on. */
  int fallocate(int fd, int mode, long offset, long len) throws LastErrorException;

  long lseek(int fd, long offset, int whence) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  /** {@code status} is an int[1] or null. */
  int waitpid(int pid, int[] status, int options) throws LastErrorException;

  int getpid();

  final class Holder {
    static final LibC INSTANCE = Native.load("c", LibC.class);

    private Holder() {}
  }

  static LibC get() {
    return Holder.INSTANCE;
  }
}
