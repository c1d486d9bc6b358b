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

  int open(String path, int flags) throws LastErrorException;

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
