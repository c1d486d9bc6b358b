package io.ftjvm.replayer.engine;

import java.util.concurrent.atomic.AtomicLong;

/** How far replay has come: the watchdog reports a stall when this stops moving. */
public final class ReplayProgress {
  private final AtomicLong events = new AtomicLong();

  void advanced() {
    events.incrementAndGet();
  }

  public long events() {
    return events.get();
  }
}
