package io.ftjvm.bootstrap;

/**
 * ForkJoinPool work stealing: which worker runs a task (popped from its own queue, stolen, or run
 * while helping a join) is decided by lock-free races the agent does not order. So a task, not the
 * worker that happens to run it, is the unit of the schedule:
 *
 * <ul>
 *   <li>when an application thread or task hands a task to a pool (fork, submit, execute: every way
 *       ends in a work queue's push), the task gets a {@link ThreadState} of its own, numbered
 *       among the pusher's children in the order the pusher creates them;
 *   <li>the worker that runs it ({@code ForkJoinTask.doExec}) takes that state for the duration, so
 *       the task's events go to the task's stream whichever thread runs it; a task run without
 *       being pushed ({@code invoke}, the first half of {@code invokeAll}) stays in its caller's
 *       stream, where its place is already fixed;
 *   <li>the pool's workers themselves are created without a state ({@code createWorker} runs
 *       without the caller's), so how many there are and when they start is not part of the
 *       schedule.
 * </ul>
 *
 * <p>Replay renames the worker to the thread that ran the task when it was recorded, for as long as
 * it runs the task, so a transcript that names the running thread replays too.
 */
public final class ForkJoinTasks {
  private static final WeakIdentityTable<ThreadState> TASKS = new WeakIdentityTable<>();

  private ForkJoinTasks() {}

  /**
   * A work queue's push of {@code task}: the pushing application thread or task names it. Every
   * push is a new name: a parallel stream's task forks itself while it still runs (the rest of its
   * range goes to whoever takes it), and the two runs must not share a stream.
   */
  public static void pushed(Object task) {
    ThreadState pusher = Hooks.capturing();
    if (pusher == null) {
      return;
    }
    pusher.guard++;
    try {
      TASKS.put(task, pusher.newTask());
    } catch (Throwable t) {
      AgentLog.error("fork-join task naming failed", t);
    } finally {
      pusher.guard--;
    }
  }

  /** What {@link #running} hands to {@link #ran}: the state and name to give back. */
  public static final class Frame {
    final ThreadState previous;
    final String previousName;

    Frame(ThreadState previous, String previousName) {
      this.previous = previous;
      this.previousName = previousName;
    }
  }

  /**
   * {@code ForkJoinTask.doExec} starts: the calling thread takes the task's state if it has one.
   * Returns what {@link #ran} gives back, or null when nothing changed.
   */
  public static Frame running(Object task) {
    if (!Hooks.active) {
      return null;
    }
    ThreadState runner = AppThreads.current();
    if (runner != null && runner.guard != 0) {
      return null; // the agent's own work, or a captured JDK method: nothing in it is recorded
    }
    // Taken out: a push is run once (whoever takes a task from a queue takes it out first), and
    // the table then holds only the tasks waiting in queues.
    ThreadState state = TASKS.remove(task);
    if (state == null) {
      return null;
    }
    AppThreads.swap(state);
    String renamed = null;
    state.guard++;
    try {
      renamed = Hooks.handler().taskStarts(state);
    } catch (Throwable t) {
      AgentLog.error("fork-join task start failed", t);
    } finally {
      state.guard--;
    }
    Thread me = Thread.currentThread();
    String previousName = null;
    if (renamed != null && !renamed.equals(me.getName())) {
      previousName = me.getName();
      me.setName(renamed);
    }
    return new Frame(runner, previousName);
  }

  /**
   * Replaces {@code target.getName()} call sites in application code (a logger printing the
   * thread's name, say). Inside a fork-join task the name is the running worker's, which is timing;
   * replay gives the worker running a task the recorded runner's name if the task has a stream, so
   * reading its own name makes the task's stream (see {@link EventHandler#taskNamed}).
   */
  public static String nameRead(Thread target) {
    if (target == Thread.currentThread()) {
      ThreadState thread = Hooks.capturing();
      if (thread != null && thread.isTask()) {
        thread.guard++;
        try {
          Hooks.handler().taskNamed(thread);
        } catch (Throwable t) {
          AgentLog.error("capture of a fork-join task's thread name failed", t);
        } finally {
          thread.guard--;
        }
      }
    }
    return target.getName();
  }

  /** {@code ForkJoinTask.doExec} ended: the thread gets its own state (and name) back. */
  public static void ran(Frame frame) {
    if (frame == null) {
      return;
    }
    AppThreads.swap(frame.previous);
    if (frame.previousName != null) {
      Thread.currentThread().setName(frame.previousName);
    }
  }

  /**
   * {@code ForkJoinPool.createWorker} starts: the worker is created without the caller's state, so
   * it is no application thread and takes no place among the caller's children. Returns the state
   * to give back to the caller in {@link #workerCreated}.
   */
  public static ThreadState creatingWorker() {
    return AppThreads.swap(null);
  }

  public static void workerCreated(ThreadState caller) {
    AppThreads.swap(caller);
  }
}
