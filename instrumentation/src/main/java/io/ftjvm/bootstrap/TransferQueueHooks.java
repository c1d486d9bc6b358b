package io.ftjvm.bootstrap;

import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Hooks of {@code LinkedTransferQueue}'s public methods (see {@link OrderedTransferQueue}). The
 * enter hook does the call in the model and returns its outcome, and the JDK's method is skipped;
 * or returns null and the JDK's method runs (a queue that is not modelled, or a null element, which
 * the JDK refuses before it changes anything). The exit advice gets the result or exception from
 * the {@link ModelOutcome}.
 */
public final class TransferQueueHooks {
  private TransferQueueHooks() {}

  /** Before a public method: a {@link ModelOutcome}, or null to run the JDK's. */
  public static Object call(Object queue, String method, Object[] args) {
    if (args.length > 0 && args[0] == null) {
      return null; // the JDK refuses it (or, for remove and contains, answers false) as it is
    }
    OrderedTransferQueue model = model(queue);
    if (model == null) {
      return null;
    }
    try {
      return ModelOutcome.returned(run(model, queue, method, args));
    } catch (OrderedTransferQueue.Interrupted e) {
      return ModelOutcome.threw(new InterruptedException(), defaultFor(method));
    } catch (Throwable t) {
      return ModelOutcome.threw(t, defaultFor(method));
    }
  }

  @SuppressWarnings("unchecked")
  private static Object run(OrderedTransferQueue model, Object queue, String method, Object[] args)
      throws OrderedTransferQueue.Interrupted {
    switch (method) {
      case "put":
      case "add":
        return model.put(args[0]);
      case "offer":
        return model.put(args[0]); // unbounded: a timed offer never waits
      case "transfer":
        return model.transfer(args[0], -1);
      case "tryTransfer":
        return model.transfer(args[0], args.length == 1 ? 0 : nanos(args[1], args[2]));
      case "take":
        return model.take(-1);
      case "poll":
        return model.take(args.length == 0 ? 0 : nanos(args[0], args[1]));
      case "peek":
        return model.peek();
      case "size":
        return model.size();
      case "isEmpty":
        return model.size() == 0;
      case "remainingCapacity":
        return Integer.MAX_VALUE;
      case "hasWaitingConsumer":
        return model.waitingTakers() > 0;
      case "getWaitingConsumerCount":
        return model.waitingTakers();
      case "contains":
        return model.contains(args[0]);
      case "remove":
        return model.remove(args[0]);
      case "removeIf":
        return model.removeMatching((Predicate<Object>) args[0]);
      case "removeAll":
        return model.removeMatching(new InCollection((Collection<?>) args[0], true));
      case "retainAll":
        return model.removeMatching(new InCollection((Collection<?>) args[0], false));
      case "clear":
        model.clear();
        return null;
      case "drainTo":
        if (args[0] == queue) {
          throw new IllegalArgumentException();
        }
        int max = args.length == 1 ? Integer.MAX_VALUE : (Integer) args[1];
        return max <= 0 ? 0 : model.drainTo((Collection<Object>) args[0], max);
      case "iterator":
        return model.iterator();
      case "spliterator":
        return model.spliterator();
      case "toArray":
        return args.length == 0
            ? model.snapshot().toArray()
            : model.snapshot().toArray((Object[]) args[0]);
      case "toString":
        return model.snapshot().toString();
      case "forEach":
        Consumer<Object> action = Objects.requireNonNull((Consumer<Object>) args[0]);
        model.snapshot().forEach(action);
        return null;
      default:
        throw new IllegalStateException("LinkedTransferQueue." + method + " is not modelled");
    }
  }

  /** removeAll's and retainAll's test (no lambda: the hooks are loaded by the boot loader). */
  private static final class InCollection implements Predicate<Object> {
    private final Collection<?> collection;
    private final boolean removeIfIn;

    InCollection(Collection<?> collection, boolean removeIfIn) {
      this.collection = collection;
      this.removeIfIn = removeIfIn;
    }

    @Override
    public boolean test(Object e) {
      return collection.contains(e) == removeIfIn;
    }
  }

  /** What a method with a primitive result is set to before it throws. */
  private static Object defaultFor(String method) {
    switch (method) {
      case "put":
      case "add":
      case "offer":
      case "tryTransfer":
      case "isEmpty":
      case "hasWaitingConsumer":
      case "contains":
      case "remove":
      case "removeIf":
      case "removeAll":
      case "retainAll":
        return false;
      case "size":
      case "remainingCapacity":
      case "getWaitingConsumerCount":
      case "drainTo":
        return 0;
      default:
        return null;
    }
  }

  private static long nanos(Object timeout, Object unit) {
    return Math.max(0, ((TimeUnit) unit).toNanos((Long) timeout));
  }

  /**
   * The model for this queue, or null: a queue first used outside capture, or a subclass of the
   * JDK's (SynchronousQueue's internal transferer among them).
   */
  private static OrderedTransferQueue model(Object queue) {
    if (queue.getClass() != LinkedTransferQueue.class) {
      return null;
    }
    return OrderedTransferQueue.of(queue);
  }
}
