package io.ftjvm.agent.ft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  private static final int THREADS = 8;

  @Test
  void threadsThatAskDuringASyncShareTheNextOne() throws Exception {
    AtomicInteger syncs = new AtomicInteger();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger mostConcurrent = new AtomicInteger();
    CountDownLatch firstSyncMayEnd = new CountDownLatch(1);
    GroupCommit commit =
        new GroupCommit(
            () -> {
              mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
              if (syncs.incrementAndGet() == 1) {
                await(firstSyncMayEnd);
              }
              concurrent.decrementAndGet();
            },
            true);
    Thread leader = new Thread(commit::awaitDurable);
    leader.start();
    while (syncs.get() == 0) {
      Thread.onSpinWait();
    }
    List<Thread> followers = new ArrayList<>();
    for (int i = 1; i < THREADS; i++) {
      Thread t = new Thread(commit::awaitDurable);
      followers.add(t);
      t.start();
    }
    for (Thread t : followers) {
      while (t.getState() != Thread.State.WAITING) { // asked, and waits for the sync under way
        Thread.onSpinWait();
      }
    }
    firstSyncMayEnd.countDown();
    leader.join(60_000);
    for (Thread t : followers) {
      t.join(60_000);
      assertTrue(!t.isAlive(), "every request is served");
    }
    assertEquals(2, syncs.get(), "the leader's sync, then one for all who asked during it");
    assertEquals(1, mostConcurrent.get(), "never two syncs at once");
  }

  @Test
  void aLoneRequestSyncsOnceOnItsOwnThread() {
    List<Thread> syncedOn = new ArrayList<>();
    GroupCommit commit = new GroupCommit(() -> syncedOn.add(Thread.currentThread()), true);
    commit.awaitDurable();
    commit.awaitDurable();
    assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), syncedOn);
  }

  @Test
  void aFailedSyncFailsEveryWaiterAndEveryLaterRequest() {
    GroupCommit commit =
        new GroupCommit(
            () -> {
              throw new IOException("disk full");
            },
            true);
    UncheckedIOException first = assertThrows(UncheckedIOException.class, commit::awaitDurable);
    assertEquals("disk full", first.getCause().getMessage());
    assertThrows(UncheckedIOException.class, commit::awaitDurable);
  }

  @Test
  void withoutGroupCommitEveryRequestSyncs() {
    AtomicInteger syncs = new AtomicInteger();
    GroupCommit commit = new GroupCommit(syncs::incrementAndGet, false);
    for (int i = 0; i < 5; i++) {
      commit.awaitDurable();
    }
    assertEquals(5, syncs.get());
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(60, TimeUnit.SECONDS), "hang guard");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
