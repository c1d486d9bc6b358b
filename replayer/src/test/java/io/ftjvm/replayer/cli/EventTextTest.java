package io.ftjvm.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ftjvm.capture.model.Determinant;
import io.ftjvm.capture.model.EventType;
import org.junit.jupiter.api.Test;

class EventTextTest {
  @Test
  void queueAnswersAreSpelledOut() {
    assertEquals(
        " (2 waiting, contended, some ahead of the asker)", EventText.queueView(2 << 2 | 3));
    assertEquals(" (1 waiting, contended)", EventText.queueView(1 << 2 | 2));
    assertEquals(" (0 waiting)", EventText.queueView(0));
    assertEquals(" (waiting: threads 1.2 1.3)", EventText.queuedThreads("1.2 1.3"));
    assertEquals(" (none waiting)", EventText.queuedThreads(""));
    assertEquals(
        " (alive: 1, 1.2, 'pool~1' (not the application's))",
        EventText.listedThreads("1\n1.2\n~pool~1"));
    assertEquals(" (no threads alive)", EventText.listedThreads(""));
    String frame = "app\t\0\t\0\tcom.example.Main\tmain\tMain.java\t7\n";
    assertEquals(
        " (2 traces, 1 frames; tops: com.example.Main.main, empty)",
        EventText.stackTraces("1\n" + frame + "0\n"));
    assertEquals(" (no threads)", EventText.stackTraces(""));
  }

  @Test
  void threadInfosAreNamedWithTheirStatesNestedItemsAside() {
    String info =
        "{\nblockedCount=0\nlockInfo{\nclassName=java.lang.Object\nidentityHashCode=7\n}\n"
            + "stackTrace[1\n{\nclassName=app.Main\n}\nthreadName=worker{1}\n"
            + "threadState=BLOCKED\n}\n";
    assertEquals(
        " (3 thread infos: 'worker{1}' BLOCKED, none, 'worker{1}' BLOCKED)",
        EventText.threadInfos("3\n" + info + "-\n" + info));
    assertEquals(" (0 thread infos: )", EventText.threadInfos("0\n"));
    assertEquals(" (unreadable thread infos)", EventText.threadInfos("{\n"));
    assertEquals(" (unreadable thread infos)", EventText.threadInfos(null));
  }

  @Test
  void aRealNumberReportIsShownAsTheNumberBesideItsBits() {
    long bits = Double.doubleToRawLongBits(0.53);
    assertEquals(
        String.format("%-19s", "JVM_REAL") + " value=" + bits + " (0.53)",
        EventText.of(new Determinant(EventType.JVM_REAL, 0, -1, bits, null, null, 0)));
    long nan = Double.doubleToRawLongBits(Double.NaN);
    assertEquals(
        String.format("%-19s", "JVM_REAL") + " value=" + nan + " (NaN)",
        EventText.of(new Determinant(EventType.JVM_REAL, 1, -1, nan, null, null, 0)));
    assertEquals(
        String.format("%-19s", "JVM_VALUE") + " value=" + bits,
        EventText.of(new Determinant(EventType.JVM_VALUE, 2, -1, bits, null, null, 0)));
  }

  @Test
  void aRealNumberReportInJsonCarriesTheNumberAsWell() {
    long bits = Double.doubleToRawLongBits(-1.0);
    assertEquals(
        "{\"thread\":\"1\",\"index\":3,\"type\":\"JVM_REAL\",\"value\":"
            + bits
            + ",\"real\":-1.0,\"encodedSize\":9}",
        Json.event("1", new Determinant(EventType.JVM_REAL, 3, -1, bits, null, null, 9)));
    long nan = Double.doubleToRawLongBits(Double.NaN);
    assertEquals(
        "{\"thread\":\"1\",\"index\":4,\"type\":\"JVM_REAL\",\"value\":"
            + nan
            + ",\"real\":\"NaN\",\"encodedSize\":9}",
        Json.event("1", new Determinant(EventType.JVM_REAL, 4, -1, nan, null, null, 9)));
  }
}
