package io.ftjvm.agent.ft;

import io.ftjvm.bootstrap.AgentLog;
import io.ftjvm.capture.recording.RecordingWriter;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Makes the log durable for threads that must not go on before it is: a thread that read input
 * (pessimistic logging) or is about to send output (output commit) calls {@link #awaitDurable()}.
 *
 * <p>With group commit, the first thread that needs the log durable forces it itself (it leads);
 * threads that ask meanwhile wait, and the next of them to find no force under way leads the next
 * one, covering every request made before it started. So N concurrent requests cost about one or
 * two rounds of syncs instead of N, and a lone request costs one sync and no hand-off. (A dedicated
 * committer thread, tried first, cost two thread switches per commit: on two busy cores that made
 * group commit slower than a sync per request.) Without it each caller forces the log itself.
 */
final class GroupCommit {
  /** Forces the log's changed streams to disk (the log's forceChanged; a fake in tests). */
  interface Force {
    void run() throws IOException;
  }

  private final Force log;
  private final boolean grouped;
  private long requested;
  private long durable;
  private boolean forcing;
  private IOException failure;

  GroupCommit(RecordingWriter log, boolean grouped) {
    this(log::forceChanged, grouped);
  }

  GroupCommit(Force force, boolean grouped) {
    this.log = force;
    this.grouped = grouped;
  }

  /** Returns once everything this thread logged before the call is on disk. */
  void awaitDurable() {
    if (!grouped) {
      force();
      return;
    }
    long ticket;
    synchronized (this) {
      ticket = ++requested;
    }
    boolean interrupted = false;
    try {
      while (true) {
        long target;
        synchronized (this) {
          while (forcing && durable < ticket) {
            try {
              wait();
            } catch (InterruptedException e) {
              interrupted = true; // the application's interrupt is kept, not lost
            }
          }
          if (durable >= ticket) {
            return;
          }
          if (failure != null) {
            throw new UncheckedIOException("cannot force the log to disk", failure);
          }
          forcing = true;
          target = requested; // everything logged before these requests is in the files
        }
        IOException error = null;
        try {
          log.run();
        } catch (IOException e) {
          error = e;
          AgentLog.error("group commit: forcing the log failed", e);
        }
        synchronized (this) {
          forcing = false;
          if (error != null) {
            failure = error;
          } else {
            durable = Math.max(durable, target);
          }
          notifyAll();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void force() {
    try {
      log.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot force the log to disk", e);
    }
  }
}
