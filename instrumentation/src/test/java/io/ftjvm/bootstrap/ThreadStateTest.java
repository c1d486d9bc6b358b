package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThreadStateTest {

  @Test
  void aThreadRemembersTheLastFourCollectionsThatAreNotOrdered() {
    ThreadState thread = new ThreadState("1");
    Object[] maps = {new Object(), new Object(), new Object(), new Object(), new Object()};
    assertFalse(thread.knownUnordered(maps[0]));
    for (int i = 0; i < 4; i++) {
      thread.rememberUnordered(maps[i]);
    }
    for (int i = 0; i < 4; i++) {
      assertTrue(thread.knownUnordered(maps[i]), "map " + i);
    }
    assertFalse(thread.knownUnordered(maps[4]));
    thread.rememberUnordered(maps[4]); // takes the oldest one's place
    assertTrue(thread.knownUnordered(maps[4]));
    assertFalse(thread.knownUnordered(maps[0]));
    assertTrue(thread.knownUnordered(maps[1]));
    assertFalse(thread.knownUnordered(null));
  }
}
