package io.ftjvm.testapps.bank;

import io.ftjvm.testapps.common.Args;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.Vector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Multithreaded bank: 8 threads move money between 16 accounts. Even-numbered accounts are guarded
 * by their {@code synchronized} monitor, odd-numbered ones by a {@link ReentrantLock}, so a
 * transfer may nest both kinds (locks are always taken in account order, hence no deadlock). Each
 * thread's choices come from a seeded Random (no input nondeterminism); what the transcript shows
 * (order of transfers, which ones are declined for lack of funds, balances after each) depends only
 * on how the threads interleave. The money total is invariant. Transfers hold the read side of a
 * {@link ReentrantReadWriteLock}; an auditor takes its write side 10 times to sum the balances
 * while no transfer is under way, so each audit sees a consistent total after however many
 * transfers the interleaving let through. After each transfer the teller also notes itself in a
 * StringBuffer, a Collections.synchronizedList, a Vector and a Hashtable (last teller by source
 * account), whose own monitors order those notes. The auditor raises a fee rate 20 times under a
 * {@link StampedLock}'s write lock after each audit; every transfer reads the rate optimistically
 * and falls back to the read lock when the read did not validate, so which reads fell back, and the
 * sum of the rates seen, depend on the interleaving too.
 *
 * <pre>
 * &lt;seq&gt; t&lt;thread&gt; &lt;from&gt;-&gt;&lt;to&gt; &lt;amount&gt; ok &lt;from balance after&gt; &lt;to balance after&gt;
 * &lt;seq&gt; t&lt;thread&gt; &lt;from&gt;-&gt;&lt;to&gt; &lt;amount&gt; declined &lt;from balance&gt;
 *                                    (seq from 1, one line per transfer, in commit order)
 * audit &lt;k&gt; after &lt;transfers so far&gt; total &lt;sum&gt;   (10 lines, k = 1..10)
 * balance &lt;account&gt; &lt;amount&gt;         (16 lines, accounts 0..15)
 * tellers &lt;the teller of every transfer, one digit each, in StringBuffer order&gt;
 * teller list &lt;hash of a synchronizedList's&gt; vector &lt;hash of a Vector's&gt; last by account &lt;a Hashtable's&gt;
 * rate reads fell-back=&lt;n&gt; sum=&lt;sum of the rates the transfers saw&gt;
 * transfers ok=&lt;n&gt; declined=&lt;n&gt;
 * total &lt;sum&gt; expected &lt;16000&gt;
 * </pre>
 *
 * Exit 1 if the total is wrong (a lost update).
 */
public final class Bank {
  private static final String USAGE = "usage: Bank [transfersPerThread]   (default 250, 1..100000)";
  private static final int THREADS = 8;
  private static final int ACCOUNTS = 16;
  private static final long INITIAL = 1000;
  private static final int AUDITS = 10;
  private static final int RAISES_PER_AUDIT = 20;

  /** An account whose critical sections run under one of two locking mechanisms. */
  private abstract static class Account {
    final int id;
    long balance = INITIAL;

    Account(int id) {
      this.id = id;
    }

    abstract void locked(Runnable body);
  }

  private static final class MonitorAccount extends Account {
    MonitorAccount(int id) {
      super(id);
    }

    @Override
    void locked(Runnable body) {
      synchronized (this) {
        body.run();
      }
    }
  }

  private static final class LockAccount extends Account {
    private final ReentrantLock lock = new ReentrantLock();

    LockAccount(int id) {
      super(id);
    }

    @Override
    void locked(Runnable body) {
      lock.lock();
      try {
        body.run();
      } finally {
        lock.unlock();
      }
    }
  }

  private final Account[] accounts = new Account[ACCOUNTS];
  private final List<String> transcript = new ArrayList<>();
  private final List<String> audits = new ArrayList<>();

  /** Transfers share the read side; an audit takes the write side, so none is half done. */
  private final ReentrantReadWriteLock ledger = new ReentrantReadWriteLock();

  // Which teller moved money, in the order the JDK's synchronized collections saw it (their own
  // monitors, not the bank's, decide that order).
  private final StringBuffer tellerTrail = new StringBuffer();
  private final List<Integer> tellerList = Collections.synchronizedList(new ArrayList<>());
  private final Vector<Integer> tellerVector = new Vector<>();
  private final Hashtable<Integer, Integer> lastTellerByAccount = new Hashtable<>();

  private int ok;
  private int declined;

  /** The fee rate: raised by the auditor, read optimistically by every transfer. */
  private final StampedLock rateLock = new StampedLock();

  private int rate;
  private final long[] ratesSeen = new long[THREADS];
  private final int[] fellBack = new int[THREADS];

  public static void main(String[] argv) throws InterruptedException {
    Args args = Args.parse(argv, USAGE, Set.of(), 1);
    int perThread = args.intPositional(0, "transfersPerThread", 250, 1, 100_000);
    System.exit(new Bank().run(perThread) ? 0 : 1);
  }

  private boolean run(int perThread) throws InterruptedException {
    for (int i = 0; i < ACCOUNTS; i++) {
      accounts[i] = i % 2 == 0 ? new MonitorAccount(i) : new LockAccount(i);
    }
    CountDownLatch start = new CountDownLatch(1); // release all threads together: more contention
    Thread[] threads = new Thread[THREADS];
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      threads[t] =
          new Thread(
              () -> {
                Random choices = new Random(1000 + id); // seeded: deterministic per thread
                awaitQuietly(start);
                for (int n = 0; n < perThread; n++) {
                  int from = choices.nextInt(ACCOUNTS);
                  int to = (from + 1 + choices.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                  transfer(id, accounts[from], accounts[to], 1 + choices.nextInt(400));
                }
              },
              "teller-" + t);
      threads[t].start();
    }
    Thread auditor =
        new Thread(
            () -> {
              awaitQuietly(start);
              for (int k = 1; k <= AUDITS; k++) {
                audit(k);
                Thread.yield();
              }
            },
            "auditor");
    auditor.start();
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    auditor.join();

    transcript.forEach(System.out::println);
    audits.forEach(System.out::println);
    long total = 0;
    for (Account a : accounts) {
      System.out.println("balance " + a.id + " " + a.balance);
      total += a.balance;
    }
    System.out.println("tellers " + tellerTrail);
    System.out.println(
        "teller list "
            + tellerList.hashCode()
            + " vector "
            + tellerVector.hashCode()
            + " last by account "
            + new TreeMap<>(lastTellerByAccount));
    long fellBackTotal = 0;
    long rateSum = 0;
    for (int t = 0; t < THREADS; t++) {
      fellBackTotal += fellBack[t];
      rateSum += ratesSeen[t];
    }
    System.out.println("rate reads fell-back=" + fellBackTotal + " sum=" + rateSum);
    System.out.println("transfers ok=" + ok + " declined=" + declined);
    System.out.println("total " + total + " expected " + INITIAL * ACCOUNTS);
    return total == INITIAL * ACCOUNTS;
  }

  private void audit(int k) {
    ledger.writeLock().lock();
    try {
      long total = 0;
      for (Account a : accounts) {
        total += a.balance;
      }
      audits.add("audit " + k + " after " + transfers() + " total " + total);
    } finally {
      ledger.writeLock().unlock();
    }
    for (int raise = 0; raise < RAISES_PER_AUDIT; raise++) {
      long stamp = rateLock.writeLock();
      try {
        rate++;
      } finally {
        rateLock.unlockWrite(stamp);
      }
      Thread.yield();
    }
  }

  /** The rate now: an optimistic read, or the read lock when a raise got in between. */
  private void noteRate(int thread) {
    long stamp = rateLock.tryOptimisticRead();
    int seen = rate;
    if (!rateLock.validate(stamp)) {
      stamp = rateLock.readLock();
      try {
        seen = rate;
        fellBack[thread]++;
      } finally {
        rateLock.unlockRead(stamp);
      }
    }
    ratesSeen[thread] += seen;
  }

  private synchronized int transfers() {
    return transcript.size();
  }

  private void transfer(int thread, Account from, Account to, long amount) {
    noteRate(thread);
    ledger.readLock().lock();
    try {
      transferLocked(thread, from, to, amount);
      tellerTrail.append(thread);
      tellerList.add(thread);
      tellerVector.add(thread);
      lastTellerByAccount.put(from.id, thread);
    } finally {
      ledger.readLock().unlock();
    }
  }

  private void transferLocked(int thread, Account from, Account to, long amount) {
    Account first = from.id < to.id ? from : to; // global lock order prevents deadlock
    Account second = first == from ? to : from;
    first.locked(
        () ->
            second.locked(
                () -> {
                  String what = "t" + thread + " " + from.id + "->" + to.id + " " + amount;
                  if (from.balance >= amount) {
                    from.balance -= amount;
                    to.balance += amount;
                    record(what + " ok " + from.balance + " " + to.balance, true);
                  } else {
                    record(what + " declined " + from.balance, false);
                  }
                }));
  }

  /** Transfers on disjoint accounts run in parallel, so the transcript has its own monitor. */
  private synchronized void record(String line, boolean succeeded) {
    transcript.add((transcript.size() + 1) + " " + line);
    if (succeeded) {
      ok++;
    } else {
      declined++;
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
