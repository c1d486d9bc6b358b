package io.ftjvm.bootstrap;

import java.lang.reflect.Proxy;
import java.util.function.BiFunction;

/**
 * A handler made of one function, installed for a hooks test with the calling thread adopted as
 * logical thread 1. The function gets the handler method's name and arguments and answers for it;
 * it throws AssertionError for an event the test does not expect.
 */
final class StubHandler {
  private StubHandler() {}

  static void install(BiFunction<String, Object[], Object> answers) {
    Hooks.install(
        (EventHandler)
            Proxy.newProxyInstance(
                EventHandler.class.getClassLoader(),
                new Class<?>[] {EventHandler.class},
                (proxy, method, args) -> answers.apply(method.getName(), args)));
    AppThreads.adopt("1");
  }

  static void uninstall() {
    Hooks.deactivate();
    AppThreads.disown();
  }

  static AssertionError unexpected(String event) {
    return new AssertionError("unexpected event " + event);
  }
}
