package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which acquisitions of a JDK synchronized collection's monitor are the application's: the one an
 * application call site asked for (not the callee's own nested ones, not a JDK caller's), and the
 * blocks of a wrapper the application made. A handler that only notes the ordered monitors stands
 * in for the recorder.
 */
class SharedMonitorHooksTest {
  private final List<Object> ordered = new ArrayList<>();

  @BeforeEach
  void captureOnThisThread() {
    StubHandler.install(
        (event, args) -> {
          if (event.equals("lockAcquired")) {
            ordered.add(args[1]);
            return EventHandler.TURN_TAKEN;
          }
          throw StubHandler.unexpected(event);
        });
  }

  @AfterEach
  void stopCapture() {
    StubHandler.uninstall();
  }

  @Test
  void onlyTheAcquisitionAnApplicationCallAskedForIsOrdered() {
    StringBuffer buffer = new StringBuffer();
    SharedMonitorHooks.methodEntered(buffer); // a JDK caller: no flag
    assertEquals(List.of(), ordered);

    SharedMonitorHooks.callStarts();
    SharedMonitorHooks.methodEntered(buffer); // the callee the application called
    SharedMonitorHooks.methodEntered(buffer); // a synchronized method it calls in turn
    SharedMonitorHooks.callEnded();
    assertEquals(List.of(buffer), ordered);

    SharedMonitorHooks.callStarts(); // an unsynchronized method: the flag goes with the call
    SharedMonitorHooks.callEnded();
    SharedMonitorHooks.methodEntered(buffer);
    assertEquals(List.of(buffer), ordered);
  }

  @Test
  void aWrappersBlocksAreOrderedOnlyWhenTheApplicationMadeIt() {
    List<Integer> made = Collections.synchronizedList(new ArrayList<>());
    List<Integer> internal = Collections.synchronizedList(new ArrayList<>());
    SharedMonitorHooks.wrapperCreated(made);
    SharedMonitorHooks.wrapperMonitorEntered(internal);
    SharedMonitorHooks.wrapperMonitorEntered(made);
    // By identity: the two (empty) lists are equal.
    assertEquals(1, ordered.size(), ordered::toString);
    assertSame(made, ordered.get(0));
  }
}
