package io.ftjvm.replayer.supervisor;

import io.ftjvm.checkpoint.ProcStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The processes of this machine as {@link ExitWatch} looks at them; a fake one in its tests. */
interface ProcessTable {

  /** Empty when there is no process {@code pid} (any more). */
  Optional<ProcStatus> status(long pid);

  /**
   * Its command line, arguments separated by one space (CRIU pads the title it gives itself with
   * blanks); empty when it is gone.
   */
  Optional<String> commandLine(long pid);

  /** SIGKILL. */
  void kill(long pid);

  /** This machine's, read from {@code /proc}. */
  static ProcessTable system() {
    return new ProcessTable() {
      @Override
      public Optional<ProcStatus> status(long pid) {
        return ProcStatus.read(pid);
      }

      @Override
      public Optional<String> commandLine(long pid) {
        try {
          byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
          return Optional.of(
              new String(raw, StandardCharsets.UTF_8)
                  .replace('\0', ' ')
                  .replaceAll("\\s+", " ")
                  .strip());
        } catch (java.io.IOException e) {
          return Optional.empty();
        }
      }

      @Override
      public void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
    };
  }
}
