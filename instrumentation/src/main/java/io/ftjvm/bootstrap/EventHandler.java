package io.ftjvm.bootstrap;

/**
 * What the agent does with a captured event: the record handler writes it to the recording and
 * returns the real value; the replay handler returns the recorded value instead (and reports a
 * divergence when the program asks for something the recording does not hold).
 *
 * <p>Every method runs on the application thread that caused the event, with that thread's
 * re-entrancy guard raised, so nothing the handler does is captured again.
 */
public interface EventHandler {
  /** A clock read ({@link EventKind#CLOCK_MILLIS}, {@code CLOCK_NANOS}, {@code CLOCK_INSTANT}). */
  long clock(ThreadState thread, int kind, long actual);

  /** A seed or hash ({@link EventKind#RANDOM_SEED}, {@code TLR_SEED}, {@code IDENTITY_HASH}). */
  long value(ThreadState thread, int kind, long actual);

  /** Random bytes just produced into {@code bytes}: record them, or overwrite them in replay. */
  void randomBytes(ThreadState thread, int kind, byte[] bytes);

  /**
   * Before a socket operation. Returning a {@link IoCall.Replayed} skips the real operation and
   * uses its outcome; returning the call itself runs the real operation.
   */
  IoCall beforeIo(ThreadState thread, IoCall call);

  /** After a real socket operation ran (its result or exception is in the call). */
  void afterIo(ThreadState thread, IoCall call);

  /** Handler that captures nothing (before the agent is ready, and in mode "off"). */
  EventHandler PASS_THROUGH =
      new EventHandler() {
        @Override
        public long clock(ThreadState thread, int kind, long actual) {
          return actual;
        }

        @Override
        public long value(ThreadState thread, int kind, long actual) {
          return actual;
        }

        @Override
        public void randomBytes(ThreadState thread, int kind, byte[] bytes) {}

        @Override
        public IoCall beforeIo(ThreadState thread, IoCall call) {
          return call;
        }

        @Override
        public void afterIo(ThreadState thread, IoCall call) {}
      };
}
