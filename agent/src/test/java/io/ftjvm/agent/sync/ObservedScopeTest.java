package io.ftjvm.agent.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which first user makes a lock or atomic the application's, and so ordered. */
class ObservedScopeTest {

  @Test
  void theApplicationsOwnClassesAndTheConcurrencyClassesItCallsAreObserved() {
    assertTrue(ObservedScope.observedByApplication("com.example.Bank", "transfer"));
    assertTrue(
        ObservedScope.observedByApplication("java.util.concurrent.ThreadPoolExecutor", "execute"));
    assertTrue(
        ObservedScope.observedByApplication("java.util.concurrent.LinkedBlockingQueue", "put"));
    assertTrue(ObservedScope.observedByApplication("jdk.internal.misc.InternalLock", "lock"));
    assertTrue(ObservedScope.observedByApplication("java.util.Random", "next"));
  }

  @Test
  void theJdksInternalStateIsNot() {
    assertFalse(ObservedScope.observedByApplication("sun.nio.ch.SocketChannelImpl", "read"));
    assertFalse(ObservedScope.observedByApplication("java.util.Random", "seedUniquifier"));
    assertFalse(
        ObservedScope.observedByApplication("java.util.concurrent.ThreadLocalRandom", "nextSeed"));
  }

  @Test
  void aForkJoinPoolsOwnLockIsNotObserved() {
    // Java 17's registrationLock: taken by shutdown only while a worker is still active.
    assertFalse(
        ObservedScope.observedByApplication("java.util.concurrent.ForkJoinPool", "tryTerminate"));
    assertFalse(
        ObservedScope.observedByApplication("java.util.concurrent.ForkJoinPool", "registerWorker"));
    assertFalse(
        ObservedScope.observedByApplication("java.util.concurrent.ForkJoinPool$WorkQueue", "push"));
  }
}
