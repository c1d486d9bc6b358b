package io.ftjvm.testapps.nondet;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Sized by the machine, as servers are: a pool with a thread per processor, and the JDK's common
 * pool, whose parallelism the JDK derives from the same count. Prints the count, the common pool's
 * parallelism, and the names of the pool's threads that ran its tasks (sorted: which thread ran
 * which task is not the point here, how many there are is).
 */
public final class MachineShape {
  private MachineShape() {}

  public static void main(String[] args) throws Exception {
    int processors = Runtime.getRuntime().availableProcessors();
    System.out.println("processors " + processors);
    System.out.println("common pool parallelism " + ForkJoinPool.getCommonPoolParallelism());
    ExecutorService pool = Executors.newFixedThreadPool(processors);
    try {
      List<Future<String>> names = new ArrayList<>();
      for (int i = 0; i < processors * 4; i++) {
        names.add(
            pool.submit(
                () -> {
                  Thread.sleep(5); // long enough for every thread of the pool to be started
                  return Thread.currentThread().getName();
                }));
      }
      TreeSet<String> workers = new TreeSet<>();
      for (Future<String> name : names) {
        workers.add(name.get());
      }
      System.out.println("pool threads " + workers.size());
    } finally {
      pool.shutdown();
    }
  }
}
