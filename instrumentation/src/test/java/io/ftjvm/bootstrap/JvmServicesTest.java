package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While an application thread does the JVM's own work (JFR), it is guarded: its events are not
 * captured and the threads it makes are not the application's. Leaving gives it back as it was,
 * also from nested entries.
 */
class JvmServicesTest {
  @BeforeEach
  void captureOnThisThread() {
    StubHandler.install(
        (event, args) -> {
          throw StubHandler.unexpected(event);
        });
  }

  @AfterEach
  void stopCapture() {
    StubHandler.uninstall();
  }

  @Test
  void anApplicationThreadIsGuardedUntilItLeavesTheOutermostEntry() {
    ThreadState outer = JvmServices.entering();
    assertSame(AppThreads.current(), outer);
    assertTrue(outer.guarded());
    ThreadState inner = JvmServices.entering();
    JvmServices.left(inner);
    assertTrue(outer.guarded(), "still inside the outer entry");
    JvmServices.left(outer);
    assertFalse(outer.guarded());
  }

  @Test
  void aThreadMadeInsideIsNotTheApplicationsButOneMadeAfterIs() throws Exception {
    AtomicReference<ThreadState> insideState = new AtomicReference<>(new ThreadState("x"));
    AtomicReference<ThreadState> afterState = new AtomicReference<>();
    ThreadState entered = JvmServices.entering();
    Thread inside;
    try {
      inside = new Thread(() -> insideState.set(AppThreads.current()), "made-for-the-jvm");
    } finally {
      JvmServices.left(entered);
    }
    Thread after = new Thread(() -> afterState.set(AppThreads.current()), "made-by-the-program");
    inside.start();
    after.start();
    inside.join();
    after.join();
    assertNull(insideState.get());
    assertEquals("1.1", afterState.get().logicalId());
  }

  @Test
  void aThreadThatIsNotTheApplicationsIsLeftAlone() throws Exception {
    AtomicReference<ThreadState> seen = new AtomicReference<>(new ThreadState("x"));
    Thread jvmOwn =
        new Thread(
            () -> {
              AppThreads.disown();
              ThreadState entered = JvmServices.entering();
              JvmServices.left(entered);
              seen.set(entered);
            });
    jvmOwn.start();
    jvmOwn.join();
    assertNull(seen.get());
  }
}
