package io.ftjvm.agent.ft;

import io.ftjvm.bootstrap.AgentLog;
import io.ftjvm.capture.recording.RecordingWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Makes the log durable for threads that must not go on before it is: a thread that read input
 * (pessimistic logging) or is about to send output (output commit) calls {@link #awaitDurable()}.
 *
 * <p>With group commit one committer thread forces every stream that grew, then releases every
 * thread whose request came before the force started; requests that arrive during a force are
 * served by the next one. So N concurrent requests cost about one round of syncs instead of N.
 * Without it each caller forces the log itself.
 */
final class GroupCommit {
  private final RecordingWriter log;
  private final boolean grouped;
  private long requested;
  private long durable;
  private IOException failure;

  GroupCommit(RecordingWriter log, boolean grouped) {
    this.log = log;
    this.grouped = grouped;
    if (grouped) {
      Thread committer = new Thread(null, this::commitLoop, "ftjvm-group-commit", 0, false);
      committer.setDaemon(true);
      committer.start();
    }
  }

  /** Returns once everything this thread logged before the call is on disk. */
  void awaitDurable() {
    if (!grouped) {
      try {
        log.forceChanged();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot force the log to disk", e);
      }
      return;
    }
    boolean interrupted = false;
    synchronized (this) {
      long ticket = ++requested;
      notifyAll();
      while (durable < ticket) {
        if (failure != null) {
          throw new UncheckedIOException("cannot force the log to disk", failure);
        }
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true; // the application's interrupt is kept, not lost
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void commitLoop() {
    while (true) {
      long target;
      synchronized (this) {
        while (requested == durable) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        target = requested;
      }
      IOException error = null;
      try {
        log.forceChanged();
      } catch (IOException e) {
        error = e;
        AgentLog.error("group commit: forcing the log failed", e);
      }
      synchronized (this) {
        if (error != null) {
          failure = error;
        } else {
          durable = target;
        }
        notifyAll();
      }
    }
  }
}
