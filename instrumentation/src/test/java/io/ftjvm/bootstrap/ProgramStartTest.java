package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The main thread adopted in premain is held guarded (the JVM's start-up work: other agents, JMX,
 * JFR) until the launcher has loaded the main class on it; only that thread's word releases it.
 */
class ProgramStartTest {
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
  void theMainThreadIsHeldUntilItsLauncherHasLoadedTheMainClass() throws Exception {
    // Surefire's JVM was started by the java launcher, as the programs the agent records are.
    assertNotNull(System.getProperty("sun.java.command"));
    ThreadState main = AppThreads.current();
    ProgramStart.holdUntilMainClass(main);
    assertTrue(main.guarded());

    Thread other = new Thread(ProgramStart::mainClassLoaded);
    other.start();
    other.join();
    assertTrue(main.guarded(), "another thread does not release it");

    ProgramStart.mainClassLoaded();
    assertFalse(main.guarded());
    ProgramStart.mainClassLoaded();
    assertFalse(main.guarded(), "released once");
    main.enterAgent();
    ProgramStart.mainClassLoaded();
    assertTrue(main.guarded(), "a later call takes nothing away");
    main.exitAgent();
  }
}
