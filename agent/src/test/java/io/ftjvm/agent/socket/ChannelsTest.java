package io.ftjvm.agent.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.ftjvm.bootstrap.ThreadState;
import org.junit.jupiter.api.Test;

class ChannelsTest {

  @Test
  void aThreadsRememberedSocketHasTheIdTheTableGivesIt() {
    Channels channels = new Channels();
    ThreadState thread = new ThreadState("1");
    Object a = new Object();
    Object b = new Object();
    int idA = channels.idOf(thread, a);
    int idB = channels.idOf(thread, b);
    assertNotEquals(idA, idB);
    assertEquals(idA, channels.idOf(thread, a)); // after another socket
    assertEquals(idA, channels.idOf(thread, a)); // remembered
    assertEquals(idA, channels.idOf(a));
    assertEquals(idB, channels.knownIdOf(b));
  }

  @Test
  void anIdAssignedLaterIsNotHiddenByWhatAThreadRemembers() {
    Channels channels = new Channels();
    ThreadState thread = new ThreadState("1");
    Object socket = new Object();
    int first = channels.idOf(thread, socket);
    channels.assign(socket, first + 10);
    assertEquals(first + 10, channels.idOf(thread, socket));
    assertEquals(first + 11, channels.idOf(thread, new Object())); // numbering goes on after it
  }
}
