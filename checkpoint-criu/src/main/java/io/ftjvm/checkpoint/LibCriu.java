package io.ftjvm.checkpoint;

import com.sun.jna.Library;

/**
 * The part of libcriu's C API ({@code criu/criu.h}, CRIU 4.x) used for a self-dump. C {@code bool}
 * parameters are passed as Java booleans, which JNA widens to int: the callee only reads the low
 * byte, as the x86-64 and aarch64 calling conventions allow.
 */
interface LibCriu extends Library {

  int CRIU_LOG_ERROR = 1;
  int CRIU_LOG_WARN = 2;
  int CRIU_LOG_INFO = 3;
  int CRIU_LOG_DEBUG = 4;

  int criu_init_opts();

  void criu_free_opts();

  int criu_set_service_binary(String path);

  void criu_set_images_dir_fd(int fd);

  void criu_set_leave_running(boolean leaveRunning);

  void criu_set_tcp_close(boolean tcpClose);

  void criu_set_shell_job(boolean shellJob);

  void criu_set_file_locks(boolean fileLocks);

  void criu_set_log_level(int level);

  int criu_set_log_file(String logFile);

  /** 0 in the process that was dumped, 1 in a process restored from the dump, &lt; 0 on failure. */
  int criu_dump();
}
