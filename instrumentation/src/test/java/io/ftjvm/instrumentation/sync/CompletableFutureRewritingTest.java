package io.ftjvm.instrumentation.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CompletableFuture and its Signaller as the agent rewrites them, read back from the running JDK:
 * the wait loops read the interrupt flag through the hook that lets replay wait for a recorded
 * interrupt, and a Signaller's {@code thread} is ordered everywhere but in the waiter's own check.
 */
class CompletableFutureRewritingTest {
  private static final String FUTURE = "java.util.concurrent.CompletableFuture";

  private static RewrittenJdkClass rewritten(String className) {
    return new RewrittenJdkClass(
        className,
        CompletableFutureOrder.rewriting(),
        (owner, method) -> {
          if (owner.equals("java/lang/Thread") && method.equals("interrupted")) {
            return "Thread.interrupted";
          } else if (owner.equals("io/ftjvm/bootstrap/InterruptHooks")) {
            return "InterruptHooks." + method;
          } else if (owner.equals("io/ftjvm/bootstrap/LockFreeSteps")) {
            return "LockFreeSteps." + method;
          }
          return null;
        });
  }

  @Test
  void theWaitLoopsReadTheFlagThroughTheHook() {
    RewrittenJdkClass future = rewritten(FUTURE);
    for (String loop : List.of("waitingGet(Z)", "timedGet(J)")) {
      List<String> calls = future.callsOf(loop);
      assertTrue(calls.contains("InterruptHooks.interruptedInWait"), loop + ": " + calls);
      assertFalse(calls.contains("Thread.interrupted"), loop + ": " + calls);
      assertTrue(calls.contains("LockFreeSteps.enter"), loop + " reads the result in order");
    }
    RewrittenJdkClass signaller = rewritten(FUTURE + "$Signaller");
    assertEquals(
        List.of("InterruptHooks.interruptedInWait"),
        signaller.callsOf("isReleasable"),
        "the waiter's own check: the hook, and no ordered step");
  }

  @Test
  void aSignallersThreadIsOrderedWhereTheCompletingThreadAndCleanStackTouchIt() {
    RewrittenJdkClass signaller = rewritten(FUTURE + "$Signaller");
    assertEquals(
        List.of("LockFreeSteps.enter", "LockFreeSteps.exit"),
        signaller.callsOf("isLive"),
        "isLive reads thread in order (cleanStack unlinks waiters that are gone)");
    assertEquals(
        List.of(
            "LockFreeSteps.enter",
            "LockFreeSteps.exit",
            "LockFreeSteps.enter",
            "LockFreeSteps.exit"),
        signaller.callsOf("tryFire"),
        "tryFire reads thread and clears it, each in order");
  }
}
