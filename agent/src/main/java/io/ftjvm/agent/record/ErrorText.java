package io.ftjvm.agent.record;

/** How a thrown exception is kept in a determinant: "class: message". */
public final class ErrorText {
  private ErrorText() {}

  public static String of(Throwable t) {
    return t.getClass().getName() + ": " + (t.getMessage() == null ? "" : t.getMessage());
  }
}
