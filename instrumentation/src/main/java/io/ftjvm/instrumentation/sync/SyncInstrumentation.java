package io.ftjvm.instrumentation.sync;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSynchronized;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.ftjvm.bootstrap.ConditionWaits;
import io.ftjvm.bootstrap.PhaserHooks;
import io.ftjvm.instrumentation.Advices;
import io.ftjvm.instrumentation.CaptureModule;
import io.ftjvm.instrumentation.callsite.CallSiteRewriting;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The order of synchronisation: synchronized methods of application classes (synchronized blocks
 * and Object.wait are rewritten at their call sites by the call-site module), ReentrantLock and
 * ReentrantReadWriteLock, and the conditions of every AbstractQueuedSynchronizer (so the
 * java.util.concurrent queues and executors built on them), and the operations of the atomic
 * variables, of ConcurrentLinkedQueue and ConcurrentLinkedDeque, ConcurrentHashMap, Semaphore and
 * CountDownLatch, and the races inside CompletableFuture; ThreadPoolExecutor's worker locks, and
 * its worker set made a LinkedHashSet; synchronizers the application builds on the two queued
 * synchronizers (see io.ftjvm.bootstrap.CustomSynchronizers). Virtual threads are refused.
 */
public final class SyncInstrumentation implements CaptureModule {
  private static final String[] LOCKS = {
    "java.util.concurrent.locks.ReentrantLock",
    "java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock",
    "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock",
  };
  private static final String[] ATOMICS = {
    "java.util.concurrent.atomic.AtomicInteger",
    "java.util.concurrent.atomic.AtomicLong",
    "java.util.concurrent.atomic.AtomicBoolean",
    "java.util.concurrent.atomic.AtomicReference",
    "java.util.concurrent.atomic.AtomicIntegerArray",
    "java.util.concurrent.atomic.AtomicLongArray",
    "java.util.concurrent.atomic.AtomicReferenceArray",
    "java.util.concurrent.atomic.AtomicStampedReference",
    "java.util.concurrent.atomic.AtomicMarkableReference",
    // Striped: a whole operation at a time, so no two threads contend for a cell and which cell a
    // thread's probe picks never changes.
    "java.util.concurrent.atomic.LongAdder",
    "java.util.concurrent.atomic.DoubleAdder",
    "java.util.concurrent.atomic.LongAccumulator",
    "java.util.concurrent.atomic.DoubleAccumulator",
  };

  /** The field updaters' implementations (which differ between JDK versions). */
  private static final List<String> FIELD_UPDATERS =
      CaptureModule.present(
          "java.util.concurrent.atomic.AtomicIntegerFieldUpdater$AtomicIntegerFieldUpdaterImpl",
          "java.util.concurrent.atomic.AtomicLongFieldUpdater$CASUpdater",
          "java.util.concurrent.atomic.AtomicLongFieldUpdater$LockedUpdater",
          "java.util.concurrent.atomic.AtomicReferenceFieldUpdater$AtomicReferenceFieldUpdaterImpl");

  /**
   * Lock-free queue and deque: their operations that run no application code are ordered like an
   * atomic variable's (one that calls another, as add calls offer, is one operation). Iteration is
   * not. remove(Object), contains and the removal of an occurrence call the elements' equals inside
   * the ordered operation, where application events are not captured.
   */
  private static final String[] QUEUES = {
    "java.util.concurrent.ConcurrentLinkedQueue", "java.util.concurrent.ConcurrentLinkedDeque"
  };

  /**
   * SynchronousQueue: its lock-free hand-off decides which taker gets which element, and so which
   * worker of a cached thread pool runs which task; under capture its put, offer, take and poll are
   * done by an ordered model instead (io.ftjvm.bootstrap.OrderedHandoff). Its other methods answer
   * constants (it holds nothing), and drainTo polls.
   */
  private static final String HANDOFF = "java.util.concurrent.SynchronousQueue";

  /**
   * Exchanger: which two threads meet is decided by lock-free compare-and-sets; under capture its
   * exchanges are done by an ordered model instead (io.ftjvm.bootstrap.OrderedExchanger).
   */
  private static final String EXCHANGER = "java.util.concurrent.Exchanger";

  /**
   * LinkedTransferQueue: lock-free, so which taker gets which element is decided by
   * compare-and-sets; under capture its public methods are done by an ordered model instead
   * (io.ftjvm.bootstrap.OrderedTransferQueue).
   */
  private static final String TRANSFER_QUEUE = "java.util.concurrent.LinkedTransferQueue";

  /** Its public methods without a result; every other public instance method has one. */
  private static final String[] TRANSFER_QUEUE_VOIDS = {"put", "transfer", "clear", "forEach"};

  /**
   * Phaser: its arrivals and registrations are compare-and-sets on one state word, its waiters spin
   * for a time that depends on timing; phasers created under capture (and their children) are
   * served by an ordered model instead (io.ftjvm.bootstrap.OrderedPhaser).
   */
  private static final String PHASER = "java.util.concurrent.Phaser";

  /** Phaser's public methods with a result, done by the model for a modelled phaser. */
  private static final String[] PHASER_CALLS = {
    "register",
    "bulkRegister",
    "arrive",
    "arriveAndDeregister",
    "arriveAndAwaitAdvance",
    "awaitAdvance",
    "awaitAdvanceInterruptibly",
    "getPhase",
    "getRegisteredParties",
    "getArrivedParties",
    "getUnarrivedParties",
    "isTerminated",
    "toString",
  };

  /**
   * The JDK's synchronized collections, whose monitors applications share between threads: their
   * synchronized methods order the monitor when an application call site asked for it (see
   * io.ftjvm.bootstrap.SharedMonitorHooks); the JDK's own uses stay unordered and cheap. Their
   * iterators' blocks are not ordered.
   */
  private static final String[] SYNCHRONIZED_COLLECTIONS = {
    "java.lang.StringBuffer",
    "java.util.Vector",
    "java.util.Stack",
    "java.util.Hashtable",
    "java.util.Properties",
  };

  /**
   * CopyOnWriteArrayList (and CopyOnWriteArraySet, which is one inside): a write copies the array
   * under a JDK-internal lock, a read takes whichever array is there, so what a get, a size or an
   * iterator's snapshot sees depends on the interleaving. Each public operation is one ordered call
   * on the list, as a ConcurrentHashMap's; an iterator walks the snapshot its ordered creation
   * took. Not ordered: the operations of a subList view.
   */
  private static final String COPY_ON_WRITE = "java.util.concurrent.CopyOnWriteArrayList";

  /**
   * StampedLock: every non-blocking operation (tryWriteLock(), tryReadLock(), tryOptimisticRead,
   * validate, the unlocks and conversions, the queries, and the unstamped unlocks of its Lock
   * views) is one ordered call on the lock; the blocking acquires are loops of those (see
   * io.ftjvm.bootstrap.StampedLockHooks).
   */
  private static final String STAMPED = "java.util.concurrent.locks.StampedLock";

  /** The timed acquires' enter, and the untimed acquires' exit: compiled once (see Advices). */
  private static final Advice STAMPED_TIMED_ACQUIRE =
      Advice.to(StampedTimedAcquireAdvice.class, StampedAcquireAdvice.class);

  private static final String[] STAMPED_BLOCKING = {
    "writeLock", "readLock", "writeLockInterruptibly", "readLockInterruptibly"
  };

  /** Collections.synchronizedList and its siblings: their blocks synchronize on a mutex. */
  private static final String COLLECTIONS_WRAPPERS = "java.util.Collections$Synchronized";

  private static final String[] QUEUE_OPERATIONS = {
    "offer",
    "add",
    "poll",
    "peek",
    "isEmpty",
    "size",
    "clear",
    "remove",
    "contains",
    "element",
    // the deque's own
    "offerFirst",
    "offerLast",
    "addFirst",
    "addLast",
    "pollFirst",
    "pollLast",
    "peekFirst",
    "peekLast",
    "getFirst",
    "getLast",
    "removeFirst",
    "removeLast",
    "push",
    "pop",
    "removeFirstOccurrence",
    "removeLastOccurrence",
  };

  /**
   * Semaphore and CountDownLatch: their non-blocking operations are ordered like an atomic
   * variable's, keyed by the Semaphore or CountDownLatch object itself (not its synchronizer, which
   * the application never sees). Blocking acquires are replaced by the agent's (permits taken in
   * the semaphore's order); awaits keep the real wait but their interrupts and timeouts are
   * replayed.
   */
  private static final String SEMAPHORE = "java.util.concurrent.Semaphore";

  private static final String LATCH = "java.util.concurrent.CountDownLatch";

  /**
   * reducePermits is protected, for subclasses; it changes the permits all the same. Not toString:
   * it asks for the object's identity hash, which must be captured (it would not be inside an
   * ordered operation, where the re-entrancy guard is raised), so the count it shows is not
   * ordered.
   */
  private static final String[] SEMAPHORE_OPERATIONS = {
    "release", "availablePermits", "drainPermits", "reducePermits"
  };

  private static final String[] LATCH_OPERATIONS = {"countDown", "getCount"};

  /** A ThreadPoolExecutor's worker: its own lock, held while it runs a task. */
  private static final String WORKER = "java.util.concurrent.ThreadPoolExecutor$Worker";

  private static final String CONDITION =
      "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject";

  /** Its inner acquire, for the acquisitions that cannot be interrupted. */
  private static final String SYNCHRONIZER =
      "java.util.concurrent.locks.AbstractQueuedSynchronizer";

  /** Its twin with a long state: the JDK uses it for nothing, an application may. */
  private static final String LONG_SYNCHRONIZER =
      "java.util.concurrent.locks.AbstractQueuedLongSynchronizer";

  private final ClassLoader agentLoader;

  /**
   * The queued synchronizers' operations that synchronizers the application builds on them go
   * through (see io.ftjvm.bootstrap.CustomSynchronizers); the JDK's own pass unchanged.
   */
  private static DynamicType.Builder<?> customSynchronizers(DynamicType.Builder<?> builder) {
    return builder
        .visit(
            Advices.to(CustomAcquireAdvice.class)
                .on(
                    namedOneOf(
                            "acquire",
                            "acquireInterruptibly",
                            "acquireShared",
                            "acquireSharedInterruptibly")
                        .and(takesArguments(1))))
        .visit(
            Advices.to(CustomTimedAcquireAdvice.class)
                .on(namedOneOf("tryAcquireNanos", "tryAcquireSharedNanos").and(takesArguments(2))))
        .visit(Advices.to(CustomReacquireAdvice.class).on(named("acquire").and(takesArguments(6))))
        .visit(
            Advices.to(CustomStateAdvice.class)
                .on(
                    namedOneOf(
                            "getState",
                            "setState",
                            "compareAndSetState",
                            "release",
                            "releaseShared")
                        .and(not(isStatic()))))
        .visit(queueQueries());
  }

  /**
   * The questions about a synchronizer's waiting threads that its own line answers under capture
   * (see io.ftjvm.bootstrap.QueueQueries and QueuedThreads): of the queued synchronizers and of
   * Semaphore.
   */
  private static AsmVisitorWrapper queueQueries() {
    return new AsmVisitorWrapper.Compound(
        Advices.to(QueueQueryAdvice.class)
            .on(
                namedOneOf("hasQueuedPredecessors", "hasQueuedThreads", "hasContended")
                    .and(takesArguments(0))
                    .and(returns(boolean.class))
                    .and(not(isStatic()))),
        Advices.to(QueueLengthAdvice.class)
            .on(
                named("getQueueLength")
                    .and(takesArguments(0))
                    .and(returns(int.class))
                    .and(not(isStatic()))),
        Advices.to(QueuedThreadsAdvice.class)
            .on(
                namedOneOf(
                        "getQueuedThreads", "getExclusiveQueuedThreads", "getSharedQueuedThreads")
                    .and(takesArguments(0))
                    .and(returns(Collection.class))
                    .and(not(isStatic()))),
        Advices.to(FirstQueuedThreadAdvice.class)
            .on(
                named("getFirstQueuedThread")
                    .and(takesArguments(0))
                    .and(returns(Thread.class))
                    .and(not(isStatic()))),
        Advices.to(IsQueuedAdvice.class)
            .on(
                named("isQueued")
                    .and(takesArguments(Thread.class))
                    .and(returns(boolean.class))
                    .and(not(isStatic()))));
  }

  public SyncInstrumentation(ClassLoader agentLoader) {
    this.agentLoader = agentLoader;
  }

  @Override
  public String name() {
    return "sync";
  }

  @Override
  public List<String> jdkClasses() {
    List<String> classes = new ArrayList<>(List.of(LOCKS));
    classes.addAll(List.of(ATOMICS));
    classes.addAll(FIELD_UPDATERS);
    classes.add(CONDITION);
    classes.add(SYNCHRONIZER);
    classes.add(LONG_SYNCHRONIZER);
    classes.add(LONG_SYNCHRONIZER + "$ConditionObject");
    classes.add(WORKER);
    classes.add(WorkerSetOrder.POOL);
    classes.addAll(List.of(QUEUES));
    classes.add(HANDOFF);
    classes.add(EXCHANGER);
    classes.add(TRANSFER_QUEUE);
    classes.add(PHASER);
    classes.addAll(List.of(SYNCHRONIZED_COLLECTIONS));
    classes.add(COLLECTIONS_WRAPPERS + "List");
    classes.addAll(ConcurrentMapOrder.classes());
    classes.add(SEMAPHORE);
    classes.add(LATCH);
    classes.addAll(CompletableFutureOrder.classes());
    classes.addAll(ForkJoinOrder.classes());
    classes.add(COPY_ON_WRITE);
    classes.add(STAMPED);
    classes.addAll(SkipListOrder.classes());
    if (Runtime.version().feature() >= 21) {
      classes.add("java.lang.VirtualThread");
    }
    return classes;
  }

  @Override
  public AgentBuilder install(AgentBuilder builder) {
    ElementMatcher.Junction<ClassLoader> applicationLoaders =
        not(isBootstrapClassLoader()).and(loader -> loader != agentLoader);
    return SkipListOrder.install(ForkJoinOrder.install(builder))
        .type(not(named("java.lang.Object")), applicationLoaders)
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(SynchronizedMethodAdvice.class)
                            .on(isSynchronized().and(not(isStatic()))))
                    .visit(
                        Advices.to(SynchronizedStaticMethodAdvice.class)
                            .on(isSynchronized().and(isStatic()))))
        .type(namedOneOf(SYNCHRONIZED_COLLECTIONS), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(SharedMonitorAdvice.class)
                        .on(isSynchronized().and(not(isStatic())))))
        .type(nameStartsWith(COLLECTIONS_WRAPPERS), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) -> b.visit(CallSiteRewriting.wrapperMonitors()))
        .type(namedOneOf(LOCKS), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(Advices.to(LockAdvice.class).on(named("lock").and(takesArguments(0))))
                    .visit(
                        Advices.to(InterruptibleLockAdvice.class)
                            .on(named("lockInterruptibly").and(takesArguments(0))))
                    .visit(Advices.to(TryLockAdvice.class).on(named("tryLock"))))
        .type(named(SYNCHRONIZER), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                customSynchronizers(
                    b.visit(
                        Advices.to(UninterruptibleAcquireAdvice.class)
                            .on(named("acquire").and(takesArguments(6))))))
        .type(named(LONG_SYNCHRONIZER), isBootstrapClassLoader())
        .transform((b, type, loader, module, domain) -> customSynchronizers(b))
        .type(named(WORKER), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(Advices.to(WorkerLockAdvice.class).on(named("lock").and(takesArguments(0))))
                    .visit(
                        Advices.to(WorkerTryLockAdvice.class)
                            .on(named("tryLock").and(takesArguments(0)))))
        .type(named(WorkerSetOrder.POOL), isBootstrapClassLoader())
        .transform((b, type, loader, module, domain) -> b.visit(WorkerSetOrder.rewriting()))
        .type(namedOneOf(ATOMICS), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(AtomicAdvice.class)
                        .on(isPublic().and(not(isStatic())).and(not(isConstructor())))))
        .type(namedOneOf(FIELD_UPDATERS.toArray(new String[0])), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(FieldUpdaterAdvice.class)
                        .on(
                            isPublic()
                                .and(not(isStatic()))
                                .and(not(isConstructor()))
                                .and(not(takesArguments(0))))))
        .type(namedOneOf(QUEUES), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(AtomicAdvice.class)
                        .on(isPublic().and(not(isStatic())).and(namedOneOf(QUEUE_OPERATIONS)))))
        .type(named(HANDOFF), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(Advices.to(HandoffPutAdvice.class).on(named("put").and(takesArguments(1))))
                    .visit(
                        Advices.to(HandoffGiveAdvice.class)
                            .on(named("offer").and(takesArguments(1))))
                    .visit(
                        Advices.to(HandoffTimedGiveAdvice.class)
                            .on(
                                named("offer")
                                    .and(takesArguments(Object.class, long.class, TimeUnit.class))))
                    .visit(
                        Advices.to(HandoffTakeAdvice.class)
                            .on(namedOneOf("take", "poll").and(takesArguments(0))))
                    .visit(
                        Advices.to(HandoffTimedTakeAdvice.class)
                            .on(named("poll").and(takesArguments(long.class, TimeUnit.class)))))
        .type(named(TRANSFER_QUEUE), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(TransferQueueCallAdvice.class)
                            .on(
                                isPublic()
                                    .and(not(isStatic()))
                                    .and(not(isConstructor()))
                                    .and(not(namedOneOf(TRANSFER_QUEUE_VOIDS)))))
                    .visit(
                        Advices.to(TransferQueueVoidAdvice.class)
                            .on(
                                isPublic()
                                    .and(not(isStatic()))
                                    .and(namedOneOf(TRANSFER_QUEUE_VOIDS)))))
        .type(named(EXCHANGER), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(ExchangeAdvice.class)
                            .on(named("exchange").and(takesArguments(1))))
                    .visit(
                        Advices.to(TimedExchangeAdvice.class)
                            .on(
                                named("exchange")
                                    .and(
                                        takesArguments(Object.class, long.class, TimeUnit.class)))))
        .type(named(PHASER).and(type -> PhaserHooks.available()), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(PhaserCallAdvice.class)
                            .on(isPublic().and(not(isStatic())).and(namedOneOf(PHASER_CALLS))))
                    .visit(
                        Advices.to(PhaserTerminationAdvice.class)
                            .on(named("forceTermination").and(takesArguments(0))))
                    .visit(
                        Advices.to(PhaserCreatedAdvice.class)
                            .on(isConstructor().and(takesArguments(Phaser.class, int.class))))
                    .visit(PhaserRegisterRewriter.rewriting()))
        .type(named(STAMPED), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(StampedAcquireAdvice.class)
                            .on(namedOneOf(STAMPED_BLOCKING).and(takesArguments(0))))
                    .visit(
                        STAMPED_TIMED_ACQUIRE.on(
                            namedOneOf("tryWriteLock", "tryReadLock")
                                .and(takesArguments(long.class, TimeUnit.class))))
                    .visit(
                        Advices.to(OrderedCallAdvice.class)
                            .on(
                                not(isStatic())
                                    .and(not(isConstructor()))
                                    .and(not(isPrivate()))
                                    .and(not(isSynthetic()))
                                    .and(not(namedOneOf(STAMPED_BLOCKING)))
                                    .and(not(takesArguments(long.class, TimeUnit.class)))
                                    .and(
                                        not(
                                            namedOneOf(
                                                "asReadLock", "asWriteLock", "asReadWriteLock"))))))
        .type(named(COPY_ON_WRITE), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(OrderedCallAdvice.class)
                        .on(
                            isPublic()
                                .and(not(isStatic()))
                                .and(not(isConstructor()))
                                .and(not(isSynthetic())))))
        .type(named(ConcurrentMapOrder.MAP), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(Advices.to(OrderedCallAdvice.class).on(ConcurrentMapOrder.mapOperations())))
        .type(namedOneOf(ConcurrentMapOrder.VIEWS.toArray(new String[0])), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(ConcurrentMapViewAdvice.class)
                        .on(ConcurrentMapOrder.viewOperations())))
        .type(
            namedOneOf(ConcurrentMapOrder.ITERATORS.toArray(new String[0])),
            isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                    Advices.to(ConcurrentMapViewAdvice.class)
                        .on(ConcurrentMapOrder.iteratorSteps())))
        .type(named(SEMAPHORE), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(queueQueries())
                    .visit(
                        Advices.to(AtomicAdvice.class)
                            .on(
                                not(isStatic())
                                    .and(
                                        namedOneOf(SEMAPHORE_OPERATIONS)
                                            .or(
                                                named("tryAcquire")
                                                    .and(
                                                        takesArguments(0)
                                                            .or(takesArguments(int.class)))))))
                    .visit(
                        Advices.to(PermitAcquireAdvice.class)
                            .on(
                                namedOneOf("acquire", "acquireUninterruptibly")
                                    .and(takesArguments(0))))
                    .visit(
                        Advices.to(PermitsAcquireAdvice.class)
                            .on(
                                namedOneOf("acquire", "acquireUninterruptibly")
                                    .and(takesArguments(int.class))))
                    .visit(
                        Advices.to(TimedPermitAcquireAdvice.class)
                            .on(
                                named("tryAcquire")
                                    .and(takesArguments(long.class, TimeUnit.class))))
                    .visit(
                        Advices.to(TimedPermitsAcquireAdvice.class)
                            .on(
                                named("tryAcquire")
                                    .and(takesArguments(int.class, long.class, TimeUnit.class)))))
        .type(named(LATCH), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(
                        Advices.to(AtomicAdvice.class)
                            .on(not(isStatic()).and(namedOneOf(LATCH_OPERATIONS))))
                    .visit(
                        Advices.to(LatchAwaitAdvice.class)
                            .on(named("await").and(takesArguments(0))))
                    .visit(
                        Advices.to(TimedLatchAwaitAdvice.class)
                            .on(named("await").and(takesArguments(long.class, TimeUnit.class)))))
        .type(
            type -> CompletableFutureOrder.isFutureClass(type.getName()), isBootstrapClassLoader())
        .transform((b, type, loader, module, domain) -> b.visit(CompletableFutureOrder.rewriting()))
        .type(named(CONDITION), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) -> {
              DynamicType.Builder<?> advised =
                  b.visit(
                          Advices.to(ConditionAwaitAdvice.class)
                              .on(namedOneOf("await", "awaitUninterruptibly", "awaitUntil")))
                      .visit(Advices.to(ConditionAwaitNanosAdvice.class).on(named("awaitNanos")))
                      .visit(
                          Advices.to(CustomSignalAdvice.class)
                              .on(namedOneOf("signal", "signalAll").and(takesArguments(0))));
              // Without access to the nodes' status, the cancelling step stays as it is.
              return ConditionWaits.available()
                  ? advised.visit(ConditionCancelRewriter.rewriting(SYNCHRONIZER))
                  : advised;
            })
        // The JDK builds nothing on the long twin: only the application's synchronizers have its
        // conditions, handled as a custom synchronizer's (see CustomSynchronizers).
        .type(named(LONG_SYNCHRONIZER + "$ConditionObject"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) -> {
              DynamicType.Builder<?> advised =
                  b.visit(Advices.to(ConditionAwaitNanosAdvice.class).on(named("awaitNanos")))
                      .visit(
                          Advices.to(CustomSignalAdvice.class)
                              .on(namedOneOf("signal", "signalAll").and(takesArguments(0))));
              return ConditionWaits.available()
                  ? advised.visit(ConditionCancelRewriter.rewriting(LONG_SYNCHRONIZER))
                  : advised;
            })
        .type(named("java.lang.VirtualThread"), isBootstrapClassLoader())
        .transform(
            (b, type, loader, module, domain) ->
                b.visit(Advices.to(VirtualThreadAdvice.class).on(isConstructor())));
  }
}
