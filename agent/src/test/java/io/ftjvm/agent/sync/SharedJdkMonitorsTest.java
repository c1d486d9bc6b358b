package io.ftjvm.agent.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.RecordingWriter;
import io.ftjvm.capture.recording.RunContext;
import io.ftjvm.capture.recording.ThreadStreamReader;
import io.ftjvm.capture.recording.ThreadStreamWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.Stack;
import java.util.TreeSet;
import java.util.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's synchronized collections are ordered like java.util.concurrent locks: only when the
 * application is the first to take their monitor, not when the JDK uses one inside itself.
 */
class SharedJdkMonitorsTest {
  @TempDir Path dir;

  @Test
  void theSynchronizedCollectionsAreRecognisedAndNothingElse() {
    for (Object monitor :
        List.of(
            new StringBuffer(),
            new Vector<>(),
            new Stack<>(),
            new Hashtable<>(),
            new Properties(),
            Collections.synchronizedList(new ArrayList<>()),
            Collections.synchronizedMap(new HashMap<>()),
            Collections.synchronizedSortedSet(new TreeSet<>()))) {
      assertTrue(SharedJdkMonitors.is(monitor), monitor.getClass().getName());
    }
    for (Object monitor : List.of(new Object(), new ArrayList<>(), new StringBuilder(), this)) {
      assertFalse(SharedJdkMonitors.is(monitor), monitor.getClass().getName());
    }
  }

  @Test
  void onlyTheOneTheApplicationTookFirstIsOrdered() throws Exception {
    RecordingWriter log = RecordingWriter.create(dir, RunContext.builder().mainClass("M").build());
    ThreadStreamWriter out = log.openThread("1");
    RecordedLockOrder locks = new RecordedLockOrder();
    StringBuffer takenByTheApplication = new StringBuffer();
    StringBuffer takenInsideTheJdk = new StringBuffer();
    Object applicationMonitor = new Object();

    locks.acquired(out, takenByTheApplication); // first taker: this class, not the JDK
    // First taker: Iterable.forEach, inside the JDK (as a StringWriter's buffer would be).
    List.of(takenInsideTheJdk).forEach(buffer -> locks.acquired(out, buffer));
    locks.acquired(out, takenInsideTheJdk); // decided once: still not ordered
    List.of(applicationMonitor).forEach(monitor -> locks.acquired(out, monitor)); // always ordered
    locks.acquired(out, takenByTheApplication);
    log.finish(0);

    // Lock 1 is the application's buffer, lock 2 its own monitor; the JDK's buffer has no turns.
    assertEquals(List.of("1#0", "2#0", "1#1"), turns(Recording.open(dir), "1"));
  }

  /** The thread's turns, as "lock#index". */
  private static List<String> turns(Recording recording, String thread) throws Exception {
    List<String> turns = new ArrayList<>();
    try (ThreadStreamReader r = recording.stream(thread)) {
      while (r.hasNext()) {
        Determinant d = r.next();
        turns.add(d.channel() + "#" + d.value());
      }
    }
    return turns;
  }
}
