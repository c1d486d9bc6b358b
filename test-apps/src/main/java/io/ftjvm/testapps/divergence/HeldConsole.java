package io.ftjvm.testapps.divergence;

import java.util.concurrent.CountDownLatch;

/**
 * One thread holds {@code System.out}'s monitor while another diverges: a replay's report must not
 * wait for a lock that a program thread keeps (a CI replay once hung so). Told {@code
 * -Dheldconsole.extraClockRead=true} in a replay, the main thread reads the clock once more than it
 * did when recorded, which the replay reports as a divergence while the holder still waits inside
 * the monitor for a release that will not come.
 *
 * <pre>
 * holder has the console
 * done
 * </pre>
 */
public final class HeldConsole {
  private HeldConsole() {}

  public static void main(String[] args) throws InterruptedException {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              synchronized (System.out) {
                System.out.println("holder has the console");
                holding.countDown();
                awaitUninterruptibly(release);
              }
            },
            "holder");
    holder.start();
    holding.await();
    if (Boolean.getBoolean("heldconsole.extraClockRead")) {
      System.nanoTime();
    }
    release.countDown();
    holder.join();
    System.out.println("done");
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        // Only the release ends the wait.
      }
    }
  }
}
