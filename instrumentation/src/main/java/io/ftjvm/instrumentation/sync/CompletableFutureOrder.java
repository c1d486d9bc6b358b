package io.ftjvm.instrumentation.sync;

import io.ftjvm.instrumentation.MethodRewriting;
import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * CompletableFuture is lock-free: which thread runs a dependent stage, or submits it to its
 * executor, is decided by races on the future's result and stack and on the completions' claim
 * tags. Those races are ordered one memory operation at a time by {@link LockFreeStepRewriter}, in
 * the future and all its nested classes (which differ between JDK versions, so they are listed from
 * the running JDK). Constructors are left alone: what they write is not yet shared.
 */
final class CompletableFutureOrder {
  static final String FUTURE = "java.util.concurrent.CompletableFuture";

  private CompletableFutureOrder() {}

  /** The future and its nested classes, to be loaded before the agent installs. */
  static List<String> classes() {
    return NestedClasses.of(FUTURE, 1, "its races are not ordered");
  }

  static boolean isFutureClass(String name) {
    return name.equals(FUTURE) || name.startsWith(FUTURE + "$");
  }

  /**
   * The race points, and in the wait loops the reads of the interrupt flag (see {@link
   * WaitLoopInterruptRewriter}).
   */
  static AsmVisitorWrapper rewriting() {
    return MethodRewriting.withContext(
        ElementMatchers.not(ElementMatchers.isConstructor())
            .and(ElementMatchers.not(ElementMatchers.isTypeInitializer())),
        (type, method, pool, next) ->
            new LockFreeStepRewriter(
                WaitLoopInterruptRewriter.WAIT_LOOPS.contains(method.getInternalName())
                    ? new WaitLoopInterruptRewriter(next)
                    : next,
                LockFreeStepRewriter.isWaiterPoll(type.getName(), method.getInternalName())));
  }
}
