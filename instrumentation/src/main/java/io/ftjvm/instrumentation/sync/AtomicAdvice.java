package io.ftjvm.instrumentation.sync;

import io.ftjvm.bootstrap.SyncHooks;
import net.bytebuddy.asm.Advice;

/**
 * Every public operation of AtomicInteger, AtomicLong, AtomicBoolean and AtomicReference: what a
 * compareAndSet, an incrementAndGet or a get returns depends on the order of the operations on that
 * object, which is recorded and replayed like the order of a lock.
 */
public final class AtomicAdvice {
  private AtomicAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static boolean enter(@Advice.This Object atomic) {
    return SyncHooks.beforeAtomic(atomic);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter boolean captured, @Advice.This Object atomic) {
    SyncHooks.afterAtomic(captured, atomic);
  }
}
