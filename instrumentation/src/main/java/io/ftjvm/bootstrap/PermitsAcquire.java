package io.ftjvm.bootstrap;

import java.util.concurrent.Semaphore;

/** A blocking acquire of a Semaphore's permits: its attempt is {@code tryAcquire(permits)}. */
public final class PermitsAcquire extends BlockingAcquire {
  private final Semaphore semaphore;
  private final int permits;

  public PermitsAcquire(Semaphore semaphore, int permits) {
    super(semaphore);
    this.semaphore = semaphore;
    this.permits = permits;
  }

  @Override
  public boolean attempt() {
    return semaphore.tryAcquire(permits);
  }

  /** A fair semaphore's tryAcquire barges: the agent's line keeps it fair. */
  @Override
  public boolean queuesFairly() {
    return semaphore.isFair();
  }

  @Override
  public String what() {
    return permits + " permit(s)";
  }

  @Override
  public String found() {
    return semaphore.availablePermits() + " available";
  }
}
