package io.ftjvm.instrumentation.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rewriting of the running JDK's condition classes (the queued synchronizer's and its long
 * twin's), read back: in each await method the entry check of the flag, the loop's own reads of it
 * and the cancelling step call the hooks, and the signal's use of the same step is left alone.
 */
class ConditionCancelRewriterTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "java.util.concurrent.locks.AbstractQueuedSynchronizer",
        "java.util.concurrent.locks.AbstractQueuedLongSynchronizer"
      })
  void awaitMethodsCallTheHooksAndSignalIsLeftAlone(String synchronizer) {
    RewrittenJdkClass condition =
        new RewrittenJdkClass(
            synchronizer + "$ConditionObject",
            ConditionCancelRewriter.rewriting(synchronizer),
            (owner, method) -> {
              if (owner.equals("io/ftjvm/bootstrap/ConditionWaits")) {
                return "ConditionWaits." + method;
              } else if (owner.equals("java/lang/Thread") && method.equals("interrupted")) {
                return "Thread.interrupted";
              } else if (method.equals("getAndUnsetStatus")) {
                return "getAndUnsetStatus";
              }
              return null;
            });
    for (String await : List.of("await()V", "awaitNanos(J)J", "awaitUntil", "await(J")) {
      assertEquals(
          List.of(
              "ConditionWaits.interruptedOnEntry",
              "ConditionWaits.interruptedInLoop",
              "ConditionWaits.cancel"),
          condition.callsOf(await),
          await + " calls, in order");
    }
    assertEquals(
        List.of("getAndUnsetStatus"),
        condition.callsOf("doSignal"),
        "doSignal keeps the real step");
    assertEquals(
        List.of("Thread.interrupted"),
        condition.callsOf("awaitUninterruptibly"),
        "awaitUninterruptibly is not rewritten");
  }
}
