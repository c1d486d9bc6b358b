package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;

/** Threads that call an ordered model (OrderedHandoff, OrderedExchanger) in its unit tests. */
final class ModelThreads implements AutoCloseable {
  private final ExecutorService threads = Executors.newCachedThreadPool();

  <T> Future<T> submit(Callable<T> call) {
    return threads.submit(call);
  }

  /** Runs {@code call} on a thread that has been interrupted before it. */
  <T> T interruptedFirst(Callable<T> call) throws Exception {
    return threads
        .submit(
            () -> {
              Thread.currentThread().interrupt();
              return call.call();
            })
        .get();
  }

  /** Waits until {@code count} reaches {@code expected} (a thread has got to its wait). */
  static void waitUntil(IntSupplier count, int expected) throws InterruptedException {
    while (count.getAsInt() < expected) {
      Thread.sleep(1);
    }
    assertEquals(expected, count.getAsInt(), "more waiters than started");
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
