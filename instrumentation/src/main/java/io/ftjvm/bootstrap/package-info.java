/**
 * The only part of FT-JVM that lives on the bootstrap class path.
 *
 * <p>JDK classes (java.time, java.util, sun.nio.ch) and application classes call into this package
 * from rewritten call sites and inlined advice, so it must be visible from every class loader. It
 * is deliberately tiny and dependency-free: it finds the current application thread's {@link
 * io.ftjvm.bootstrap.ThreadState}, applies the re-entrancy guard, and hands the event to the {@link
 * io.ftjvm.bootstrap.EventHandler} that the agent installed (record or replay). Everything else
 * lives in the agent's private class loader.
 */
package io.ftjvm.bootstrap;
