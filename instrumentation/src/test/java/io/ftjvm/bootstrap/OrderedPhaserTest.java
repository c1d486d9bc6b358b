package io.ftjvm.bootstrap;

import static io.ftjvm.bootstrap.ModelThreads.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Phaser model answers what the JDK's phaser answers: the same script of registrations,
 * arrivals, departures, reads, waits that return at once, errors and termination, run on a tree of
 * real phasers and on a tree of modelled ones, gives the same transcript (onAdvance calls
 * included). Waits that block are checked on the model alone. (That it replays is checked by
 * MultithreadedReplayIT's PermitsAndLatches.) Capture is off here, so the model's lock is a plain
 * lock.
 */
@Timeout(60) // a broken phaser would wait for ever; never a measure of speed
class OrderedPhaserTest {
  private final ModelThreads threads = new ModelThreads();

  @AfterEach
  void stop() {
    threads.close();
  }

  /** A phaser that logs each onAdvance and terminates after phase 3. */
  private static final class Logged extends Phaser {
    final List<String> log;

    Logged(List<String> log) {
      this.log = log;
    }

    @Override
    protected boolean onAdvance(int phase, int registeredParties) {
      log.add("onAdvance(" + phase + ", " + registeredParties + ")");
      return phase >= 3 || registeredParties == 0;
    }
  }

  /** The phaser calls the script makes: on the JDK's phaser, or on its model. */
  private interface Calls {
    int register(Phaser p);

    int bulkRegister(Phaser p, int n);

    int arrive(Phaser p);

    int arriveAndDeregister(Phaser p);

    int arriveAndAwaitAdvance(Phaser p);

    int awaitAdvance(Phaser p, int phase);

    int awaitAdvanceTimed(Phaser p, int phase) throws Exception;

    void forceTermination(Phaser p);

    String read(Phaser p);
  }

  private static final class Real implements Calls {
    public int register(Phaser p) {
      return p.register();
    }

    public int bulkRegister(Phaser p, int n) {
      return p.bulkRegister(n);
    }

    public int arrive(Phaser p) {
      return p.arrive();
    }

    public int arriveAndDeregister(Phaser p) {
      return p.arriveAndDeregister();
    }

    public int arriveAndAwaitAdvance(Phaser p) {
      return p.arriveAndAwaitAdvance();
    }

    public int awaitAdvance(Phaser p, int phase) {
      return p.awaitAdvance(phase);
    }

    public int awaitAdvanceTimed(Phaser p, int phase) throws Exception {
      return p.awaitAdvanceInterruptibly(phase, 0, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void forceTermination(Phaser p) {
      p.forceTermination();
    }

    public String read(Phaser p) {
      return p.getPhase()
          + " "
          + p.getRegisteredParties()
          + " "
          + p.getArrivedParties()
          + " "
          + p.getUnarrivedParties()
          + " "
          + p.isTerminated()
          + " "
          + p.toString();
    }
  }

  private static final class Modelled implements Calls {
    private static OrderedPhaser m(Phaser p) {
      return OrderedPhaser.of(p);
    }

    public int register(Phaser p) {
      return m(p).register(1);
    }

    public int bulkRegister(Phaser p, int n) {
      return m(p).register(n);
    }

    public int arrive(Phaser p) {
      return m(p).arrive(OrderedPhaser.ONE_ARRIVAL);
    }

    public int arriveAndDeregister(Phaser p) {
      return m(p).arrive(OrderedPhaser.ONE_DEREGISTER);
    }

    public int arriveAndAwaitAdvance(Phaser p) {
      return m(p).arriveAndAwaitAdvance();
    }

    public int awaitAdvance(Phaser p, int phase) {
      try {
        return m(p).awaitAdvance(phase, false, -1);
      } catch (InterruptedException | TimeoutException e) {
        throw new AssertionError(e);
      }
    }

    public int awaitAdvanceTimed(Phaser p, int phase) throws Exception {
      return m(p).awaitAdvance(phase, true, 0);
    }

    public void forceTermination(Phaser p) {
      m(p).forceTermination();
    }

    public String read(Phaser p) {
      OrderedPhaser m = m(p);
      return m.read(OrderedPhaser.Reading.PHASE)
          + " "
          + m.read(OrderedPhaser.Reading.REGISTERED)
          + " "
          + m.read(OrderedPhaser.Reading.ARRIVED)
          + " "
          + m.read(OrderedPhaser.Reading.UNARRIVED)
          + " "
          + (m.read(OrderedPhaser.Reading.TERMINATED) == 1)
          + " "
          + m.describe();
    }
  }

  @Test
  void theModelAnswersWhatTheJdksPhaserAnswers() throws Exception {
    List<String> real = script(new Real(), false);
    List<String> modelled = script(new Modelled(), true);
    assertEquals(real, modelled);
    assertTrue(real.contains("onAdvance(3, 3)"), real.toString()); // the script went that far
    assertTrue(real.contains("register after termination -> -2147483644"), real.toString());
    assertTrue(real.stream().anyMatch(s -> s.startsWith("IllegalStateException")), real.toString());
  }

  /** Root with its own party and two children; every answer, with identities blanked. */
  private static List<String> script(Calls calls, boolean modelled) throws Exception {
    List<String> out = new ArrayList<>();
    Logged root = new Logged(out);
    Phaser left = new Phaser(root, 0);
    Phaser right = new Phaser(root, 0);
    if (modelled) {
      model(root, null);
      model(left, root);
      model(right, root);
    }
    Phaser[] all = {root, left, right};
    step(out, "register root", () -> calls.register(root));
    step(out, "bulkRegister left 2", () -> calls.bulkRegister(left, 2));
    step(out, "register right", () -> calls.register(right));
    reads(out, calls, all);
    step(out, "arrive left", () -> calls.arrive(left));
    step(out, "arrive left", () -> calls.arrive(left)); // left's last: it arrives at root
    step(out, "arrive root", () -> calls.arrive(root));
    reads(out, calls, all);
    step(out, "deregister right", () -> calls.arriveAndDeregister(right)); // root advances
    reads(out, calls, all);
    step(out, "arrive left", () -> calls.arrive(left));
    step(out, "arrive left", () -> calls.arrive(left));
    step(out, "await-arrive root", () -> calls.arriveAndAwaitAdvance(root)); // last: no wait
    step(out, "await old phase", () -> calls.awaitAdvance(root, 0));
    step(out, "await negative", () -> calls.awaitAdvance(root, -5));
    step(out, "timed await current", () -> calls.awaitAdvanceTimed(left, 2));
    step(out, "timed await old", () -> calls.awaitAdvanceTimed(left, 1));
    reads(out, calls, all);
    step(out, "arrive right (no parties)", () -> calls.arrive(right));
    step(out, "bulkRegister -1", () -> calls.bulkRegister(root, -1));
    step(out, "bulkRegister 0", () -> calls.bulkRegister(root, 0));
    step(out, "register right again", () -> calls.register(right));
    step(out, "arrive left", () -> calls.arrive(left));
    step(out, "arrive left", () -> calls.arrive(left));
    step(out, "arrive right", () -> calls.arrive(right));
    step(out, "arrive root", () -> calls.arrive(root));
    reads(out, calls, all);
    step(out, "arrive left", () -> calls.arrive(left));
    step(out, "arrive left", () -> calls.arrive(left));
    step(out, "arrive right", () -> calls.arrive(right));
    step(out, "await-arrive root", () -> calls.arriveAndAwaitAdvance(root)); // onAdvance ends it
    reads(out, calls, all);
    step(out, "register after termination", () -> calls.register(left));
    step(out, "arrive after termination", () -> calls.arrive(root));
    Logged second = new Logged(out);
    if (modelled) {
      model(second, null);
    }
    step(out, "bulkRegister second 2", () -> calls.bulkRegister(second, 2));
    calls.forceTermination(second);
    reads(out, calls, new Phaser[] {second});
    return out;
  }

  private interface Step {
    Object run() throws Exception;
  }

  private static void step(List<String> out, String what, Step step) {
    try {
      out.add(what + " -> " + blank(String.valueOf(step.run())));
    } catch (Exception e) {
      out.add(e.getClass().getSimpleName() + " at " + what + ": " + blank(e.getMessage()));
    }
  }

  private static void reads(List<String> out, Calls calls, Phaser[] phasers) {
    for (Phaser p : phasers) {
      out.add("read " + blank(calls.read(p)));
    }
  }

  /** Identity hashes differ between the two trees. */
  private static String blank(String s) {
    return s == null ? null : s.replaceAll("@[0-9a-f]+", "@_");
  }

  private static void model(Phaser phaser, Phaser parent) throws Exception {
    Field state = Phaser.class.getDeclaredField("state");
    state.setAccessible(true);
    OrderedPhaser.created(phaser, parent, state.getLong(phaser), true);
    assertNotNull(OrderedPhaser.of(phaser));
  }

  @Test
  void partiesWaitForTheLastArrivalAndAllSeeTheNextPhase() throws Exception {
    Phaser phaser = new Phaser(3);
    model(phaser, null);
    OrderedPhaser m = OrderedPhaser.of(phaser);
    List<Future<Integer>> waiting = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      waiting.add(threads.submit(m::arriveAndAwaitAdvance));
    }
    waitUntil(() -> m.read(OrderedPhaser.Reading.ARRIVED), 2);
    assertEquals(1, m.arriveAndAwaitAdvance());
    for (Future<Integer> f : waiting) {
      assertEquals(1, f.get());
    }
  }

  @Test
  void anInterruptedOrTimedWaitEndsWithItsExceptionAndTheWaitThatIsNotKeepsTheFlag()
      throws Exception {
    Phaser phaser = new Phaser(2);
    model(phaser, null);
    OrderedPhaser m = OrderedPhaser.of(phaser);
    assertThrows(TimeoutException.class, () -> m.awaitAdvance(0, true, 1_000_000));
    assertThrows(
        InterruptedException.class,
        () -> {
          try {
            threads.interruptedFirst(() -> m.awaitAdvance(0, true, -1));
          } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
          }
        });
    Thread[] waiter = new Thread[1];
    Future<Boolean> uninterruptible =
        threads.submit(
            () -> {
              waiter[0] = Thread.currentThread();
              m.arrive(OrderedPhaser.ONE_ARRIVAL);
              m.awaitAdvance(0, false, -1);
              return Thread.currentThread().isInterrupted();
            });
    waitUntil(() -> m.read(OrderedPhaser.Reading.ARRIVED), 1);
    while (waiter[0] == null) {
      Thread.sleep(1);
    }
    waiter[0].interrupt();
    Thread.sleep(20);
    assertEquals(0, m.arrive(OrderedPhaser.ONE_ARRIVAL), "the second arrival of phase 0");
    assertTrue(uninterruptible.get(), "the interrupt is kept for the caller");
  }

  @Test
  void onlyPhasersMadeUnderCaptureOrUnderAModelledParentAreModelled() throws Exception {
    Phaser outside = new Phaser(1);
    OrderedPhaser.created(outside, null, 0, false);
    assertNull(OrderedPhaser.of(outside));
    Phaser childOfOutside = new Phaser(outside, 0);
    OrderedPhaser.created(childOfOutside, outside, 1, true);
    assertNull(OrderedPhaser.of(childOfOutside), "a tree is modelled whole or not at all");

    Phaser inside = new Phaser(1);
    model(inside, null);
    Phaser childOfInside = new Phaser(inside, 0);
    OrderedPhaser.created(childOfInside, inside, 1, false);
    assertNotNull(OrderedPhaser.of(childOfInside));
  }
}
