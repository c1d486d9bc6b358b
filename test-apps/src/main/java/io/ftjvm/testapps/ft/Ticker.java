package io.ftjvm.testapps.ft;

/**
 * Prints {@code tick 1}, {@code tick 2}, ... every 20 ms, forever: an application whose whole
 * output is its log (console writes), for fault-tolerance tests without sockets. After a crash and
 * a recovery the output must go on with the next number, with no tick missing or printed twice.
 */
public final class Ticker {
  private Ticker() {}

  public static void main(String[] args) throws InterruptedException {
    for (long i = 1; ; i++) {
      System.out.println("tick " + i);
      Thread.sleep(20);
    }
  }
}
