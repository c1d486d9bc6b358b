package io.ftjvm.agent.replay;

import java.io.IOException;
import java.lang.reflect.Constructor;

/** Rebuilds the exception a socket operation threw when recorded ("class: message"). */
final class RecordedErrors {
  private RecordedErrors() {}

  static Throwable rebuild(String text) {
    int colon = text.indexOf(": ");
    String className = colon < 0 ? text : text.substring(0, colon);
    String message = colon < 0 ? null : text.substring(colon + 2);
    try {
      Class<?> type = Class.forName(className, false, null);
      if (Throwable.class.isAssignableFrom(type)) {
        Constructor<?> withMessage = type.getConstructor(String.class);
        return (Throwable) withMessage.newInstance(message);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // not a JDK exception with a message constructor: fall through
    }
    return new IOException(text);
  }
}
