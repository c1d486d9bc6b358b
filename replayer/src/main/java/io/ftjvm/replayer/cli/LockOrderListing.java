package io.ftjvm.replayer.cli;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import io.ftjvm.capture.recording.Recording;
import io.ftjvm.capture.recording.ThreadStreamReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code ftjvm inspect DIR --lock ID}: one lock's acquisitions in order, with their threads. */
final class LockOrderListing {
  private LockOrderListing() {}

  private record Acquisition(long index, String thread, long event, EventType type) {}

  static void print(Recording recording, int lock, boolean json, PrintStream out)
      throws IOException {
    List<Acquisition> order = new ArrayList<>();
    for (String thread : recording.threadIds()) {
      ThreadStreamReader reader = recording.stream(thread);
      while (reader.hasNext()) {
        Determinant d = reader.next();
        if (d.type().isLockTurn() && d.channel() == lock) {
          order.add(new Acquisition(d.value(), thread, d.eventIndex(), d.type()));
        }
      }
    }
    if (order.isEmpty()) {
      throw new UserError("the recording has no acquisition of lock " + lock);
    }
    order.sort(Comparator.comparingLong(Acquisition::index));
    if (json) {
      out.println("[");
      for (int i = 0; i < order.size(); i++) {
        Acquisition a = order.get(i);
        out.printf(
            "  {\"acquisition\": %d, \"thread\": %s, \"event\": %d, \"type\": %s}%s%n",
            a.index(),
            Json.string(a.thread()),
            a.event(),
            Json.string(a.type().name()),
            i + 1 < order.size() ? "," : "");
      }
      out.println("]");
      return;
    }
    out.println("lock " + lock + ": " + order.size() + " acquisitions");
    for (Acquisition a : order) {
      String what = a.type() == EventType.LOCK_ACQUIRE ? "" : "  " + a.type().displayName();
      out.printf("  #%-8d thread %-10s (its event %d)%s%n", a.index(), a.thread(), a.event(), what);
    }
  }
}
