package io.ftjvm.agent.sync;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.RunContext;
import io.ftjvm.capture.recording.ThreadStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What the order tests share: a recording to write, single-thread executors standing for the
 * application's threads (the first caller of an object decides whether it is ordered, so steps run
 * there, as the application's would), and a thread's recorded events as text.
 */
final class OrderFixtures {
  private final List<ExecutorService> actors = new ArrayList<>();

  static RecordingWriter writer(Path dir) throws Exception {
    return RecordingWriter.create(dir, RunContext.builder().mainClass("M").build());
  }

  /** {@code n} new actors, stopped by {@link #stopAll}. */
  List<ExecutorService> actors(int n) {
    List<ExecutorService> started = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ExecutorService e = Executors.newSingleThreadExecutor();
      actors.add(e);
      started.add(e);
    }
    return started;
  }

  void stopAll() {
    actors.forEach(ExecutorService::shutdownNow);
  }

  /** Runs a step on an actor and waits for its result (10 s at most). */
  static <T> T on(ExecutorService actor, Callable<T> step) throws Exception {
    return actor.submit(step).get(10, TimeUnit.SECONDS);
  }

  /** A thread's recorded events, each as "TYPE value". */
  static List<String> events(Recording recording, String thread) throws Exception {
    List<String> events = new ArrayList<>();
    try (ThreadStreamReader r = recording.stream(thread)) {
      while (r.hasNext()) {
        Determinant d = r.next();
        events.add(d.type() + " " + d.value());
      }
    }
    return events;
  }
}
