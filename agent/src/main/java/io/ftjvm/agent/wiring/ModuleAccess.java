package io.ftjvm.agent.wiring;

import io.ftjvm.bootstrap.Hooks;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * Module edges the agent needs: java.base must read the bootstrap hooks (advice inlined into
 * java.base classes calls them), and the agent reflects on a few socket fields in java.net and
 * sun.nio.ch to make replayed connections look like the recorded ones.
 */
final class ModuleAccess {
  private ModuleAccess() {}

  static void grant(Instrumentation inst, Module agentModule) {
    Module javaBase = Object.class.getModule();
    Module hooks = Hooks.class.getModule();
    inst.redefineModule(
        javaBase,
        Set.of(hooks),
        Map.of(),
        Map.of(
            "java.net", Set.of(agentModule),
            "sun.nio.ch", Set.of(agentModule),
            "java.lang", Set.of(agentModule),
            // The hooks read lock hold counts (AbstractQueuedSynchronizer.state) in replay.
            "java.util.concurrent.locks", Set.of(hooks),
            // The Phaser model reads a new phaser's state and calls onAdvance (OrderedPhaser).
            "java.util.concurrent", Set.of(hooks)),
        Set.of(),
        Map.of());
  }
}
