package io.ftjvm.bench;

import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A task that forks one subtask, joins it and runs another in place: one push that names a task,
 * and the run that takes that name, under the agent. The tasks log no events, so this is the cost
 * of the naming alone (and of the join's reads of the interrupt flag).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ForkJoinBenchmark {
  private int counter;

  /**
   * Invoked in place by the benchmark thread: the fork goes to the common pool's submission queue,
   * and the join takes it back and runs it, unless a worker stole it first. (A pool's {@code
   * invoke} from outside would measure the wake-up of a worker: tens of µs, give or take as much.)
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
