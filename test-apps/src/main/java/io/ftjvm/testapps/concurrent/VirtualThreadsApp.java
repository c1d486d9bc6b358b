package io.ftjvm.testapps.concurrent;

import java.lang.reflect.Method;

/**
 * Starts one virtual thread (Java 21+) and joins it. Written with reflection so that it compiles
 * for Java 17, where it only says that there are no virtual threads.
 *
 * <pre>
 * hello from a virtual thread
 * </pre>
 */
public final class VirtualThreadsApp {
  public static void main(String[] args) throws Exception {
    Method ofVirtual;
    try {
      ofVirtual = Thread.class.getMethod("ofVirtual");
    } catch (NoSuchMethodException e) {
      System.out.println("no virtual threads on Java " + Runtime.version().feature());
      return;
    }
    Object builder = ofVirtual.invoke(null);
    Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
    Thread thread =
        (Thread)
            start.invoke(
                builder, (Runnable) () -> System.out.println("hello from a virtual thread"));
    thread.join();
  }
}
