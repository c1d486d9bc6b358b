package io.ftjvm.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * A SubmissionPublisher producer that finds a subscriber's buffer full first helps its executor
 * ({@code ForkJoinPool.helpAsyncBlocker}): it runs consumer tasks still queued in the pool, asking
 * the buffer whether it has room between them. Whether a task is still queued then is a race of the
 * pool's queues, so how many times the producer asks (each ask ordered steps on the buffer) would
 * differ in replay. Under capture the producer does not help, and waits for the pool's workers
 * instead, as it does whenever no task is queued.
 */
public final class PublisherWaits {
  private static final MethodHandle HELP = helpHandle();

  private PublisherWaits() {}

  /** Replaces {@code ForkJoinPool.helpAsyncBlocker(executor, blocker)} in SubmissionPublisher. */
  public static void helpAsyncBlocker(Executor executor, ForkJoinPool.ManagedBlocker blocker)
      throws Throwable {
    if (Hooks.capturing() != null || HELP == null) {
      return; // helping is only an optimisation: the wait that follows does the rest
    }
    HELP.invokeExact(executor, blocker);
  }

  private static MethodHandle helpHandle() {
    try {
      return MethodHandles.privateLookupIn(ForkJoinPool.class, MethodHandles.lookup())
          .findStatic(
              ForkJoinPool.class,
              "helpAsyncBlocker",
              MethodType.methodType(void.class, Executor.class, ForkJoinPool.ManagedBlocker.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      AgentLog.error("cannot reach ForkJoinPool.helpAsyncBlocker: producers will not help", e);
      return null;
    }
  }
}
