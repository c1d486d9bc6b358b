package io.ftjvm.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class AgentFramesTest {
  private static StackTraceElement frame(String className, String method) {
    return new StackTraceElement(className, method, null, 1);
  }

  @Test
  void theProgramsFramesAreWhatIsLeftWithoutTheAgentsAndTheCallThatTookThem() {
    StackTraceElement app = frame("com.example.Main", "main");
    StackTraceElement sleep = frame("java.lang.Thread", "sleep");
    StackTraceElement[] stack = {
      frame("java.lang.Thread", "getStackTrace"),
      frame("io.ftjvm.agent.replay.ReplayOutcome", "diverged"),
      frame("io.ftjvm.shaded.net.bytebuddy.Foo", "bar"),
      sleep,
      frame("io.ftjvm.bootstrap.Hooks", "sleep"),
      app
    };
    assertArrayEquals(new StackTraceElement[] {sleep, app}, AgentFrames.programs(stack));
    // A program of the same name as the agent's packages' parent is the program's.
    StackTraceElement testApp = frame("io.ftjvm.testapps.bank.Bank", "main");
    assertArrayEquals(
        new StackTraceElement[] {testApp}, AgentFrames.programs(new StackTraceElement[] {testApp}));
  }
}
