package io.ftjvm.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A pool invocation of a task that forks one subtask and runs another in place: two pushes (the
 * invocation and the fork) that each name a task, and the runs that take those names, under the
 * agent. The tasks log no events, so this is the cost of the naming alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ForkJoinBenchmark {
  private ForkJoinPool pool;
  private int counter;

  @Setup(Level.Trial)
  public void startPool() {
    pool = new ForkJoinPool(2);
  }

  @TearDown(Level.Trial)
  public void stopPool() {
    pool.shutdown();
  }

  @Benchmark
  public int forkAndJoin() {
    pool.invoke(new Pair(this, true));
    return counter;
  }

  /**
   * The same task invoked in place by the benchmark thread: its fork goes to the common pool's
   * submission queue, and the join takes it back and runs it, unless a worker stole it first.
   */
  @Benchmark
  public int forkAndJoinInPlace() {
    new Pair(this, true).invoke();
    return counter;
  }

  /** Forks one child, computes the other in place, joins. */
  private static final class Pair extends RecursiveAction {
    private static final long serialVersionUID = 1L;
    private final transient ForkJoinBenchmark owner;
    private final boolean split;

    Pair(ForkJoinBenchmark owner, boolean split) {
      this.owner = owner;
      this.split = split;
    }

    @Override
    protected void compute() {
      if (!split) {
        owner.counter++; // one task at a time: the fork is joined before the other runs
        return;
      }
      Pair forked = new Pair(owner, false);
      forked.fork();
      forked.join();
      new Pair(owner, false).compute();
    }
  }
}
