package io.ftjvm.agent.sync;

import io.ftjvm.bootstrap.KnownThreads;
import io.ftjvm.bootstrap.ThreadState;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.replayer.engine.ThreadCursor;
import java.util.Arrays;
import java.util.Map;

/**
 * The threads the application was told are alive ({@code Thread.enumerate}; see {@link
 * io.ftjvm.bootstrap.ThreadListHooks}), as a recording names them: one line per thread, its logical
 * id, or {@code ~} and its name for a thread that is not the application's.
 */
public final class ListedThreads {
  private static final String NOT_THE_APPLICATIONS = "~";

  private ListedThreads() {}

  /** Record: the text of a THREADS_LISTED for {@code alive}. */
  public static String names(Thread[] alive) {
    StringBuilder text = new StringBuilder();
    for (Thread t : alive) {
      String id = KnownThreads.logicalId(t);
      text.append(text.length() == 0 ? "" : "\n")
          .append(id != null ? id : NOT_THE_APPLICATIONS + t.getName());
    }
    return text.toString();
  }

  /**
   * Replay: the threads of this run that the recorded list names. An application thread listed was
   * constructed before the recorded question was asked, so it is in replay too, before anything the
   * asker does next can hold it back; the answer waits until it has been (noted in {@code waiting}
   * for the stall report). A thread that is not the application's is looked for by name among those
   * alive now.
   */
  public static Thread[] replayed(
      ThreadCursor cursor, ThreadState asker, Thread[] alive, Map<String, String> waiting)
      throws InterruptedException {
    String text = cursor.expect("asks which threads are alive", EventType.THREADS_LISTED).text();
    if (text == null || text.isEmpty()) {
      return new Thread[0];
    }
    String[] names = text.split("\n");
    Thread[] threads = new Thread[names.length];
    for (int i = 0; i < names.length; i++) {
      threads[i] =
          names[i].startsWith(NOT_THE_APPLICATIONS)
              ? byName(cursor, names[i].substring(NOT_THE_APPLICATIONS.length()), alive)
              : await(names[i], asker, waiting);
    }
    return threads;
  }

  private static Thread byName(ThreadCursor cursor, String name, Thread[] alive) {
    return Arrays.stream(alive)
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                cursor.diverged(
                    "the threads alive to include '" + name + "', which is not the application's",
                    "there is no such thread in this run",
                    "a thread the JVM or a library started, not the program: it is not replayed"));
  }

  private static Thread await(String logicalId, ThreadState asker, Map<String, String> waiting)
      throws InterruptedException {
    return AwaitedThread.await(
        () -> KnownThreads.awaitCreated(logicalId, 50),
        asker,
        waiting,
        logicalId,
        "to be created, as the recording has it alive when asked about");
  }
}
