package io.ftjvm.replayer.supervisor;

/**
 * The log a recovery must replay is damaged (a stream file does not read back: bad checksum,
 * truncated block, zeros where records should be, a cut that does not fit the file). No older
 * checkpoint helps: the restored agent reads each stream from the restored checkpoint's cut, and an
 * older checkpoint's replay starts earlier, so it would meet the damage too, and skipping it would
 * lose determinants (and the outputs that depended on them). The supervisor refuses plainly; the
 * message names the file and the offset.
 */
public final class LogDamagedException extends Exception {
  private static final long serialVersionUID = 1L;

  public LogDamagedException(String message, Throwable cause) {
    super(message, cause);
  }
}
