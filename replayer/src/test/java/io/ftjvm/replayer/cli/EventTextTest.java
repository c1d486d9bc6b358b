package io.ftjvm.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  }
}
