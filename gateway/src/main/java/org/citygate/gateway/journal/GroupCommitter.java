package org.citygate.gateway.journal;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets many producer threads share one durable commit.
 *
 * <p>Producers {@link #offer} work and return at once; one writer thread takes everything that is
 * waiting (up to {@code maxGroupRecords} records), hands it to the {@link Writer} as one group —
 * one transaction, one {@code fsync} — and the writer completes each producer's future. While a
 * commit is on the disk, the next group gathers, so under load the number of commits grows far
 * slower than the number of producers. Memory is bounded: work counts against {@code maxBytes} from
 * {@code offer} until its group is written, and an offer that would exceed it is turned away
 * ({@link Offer#FULL}), never blocked, so event-loop and transport threads can call it.
 *
 * <p>{@link #close()} writes what is queued, then stops the thread. When idle for {@code idleTick},
 * the writer's {@link Writer#idle()} runs on the same thread, for housekeeping.
 *
 * @param <W> the work type
 */
final class GroupCommitter<W extends GroupCommitter.Work> implements AutoCloseable {

  /** One producer's request. */
  interface Work {
    /** Memory it holds while queued and being written. */
    long bytes();

    /** Records it adds to a group. */
    int records();

    /** Completes the producer's future when the writer failed unexpectedly. */
    void fail(Throwable failure);
  }

  /** Writes one group on the writer thread. */
  interface Writer<W> {
    /** Writes and commits the group durably, then completes each work's future. */
    void write(List<W> group);

    /** Called on the writer thread after {@code idleTick} without work. */
    void idle();
  }

  /** What became of an offer. */
  enum Offer {
    ACCEPTED,
    FULL,
    CLOSED
  }

  private static final System.Logger LOG = System.getLogger(GroupCommitter.class.getName());

  private final long maxBytes;
  private final int maxGroupRecords;
  private final long idleTickNanos;
  private final Writer<W> writer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<W> queue = new ArrayDeque<>();
  private final AtomicLong groups = new AtomicLong();
  private final Thread thread;
  private long heldBytes;
  private boolean closed;

  GroupCommitter(
      String threadName, long maxBytes, int maxGroupRecords, Duration idleTick, Writer<W> writer) {
    this.maxBytes = maxBytes;
    this.maxGroupRecords = maxGroupRecords;
    this.idleTickNanos = idleTick.toNanos();
    this.writer = writer;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues {@code work} unless closed or over the memory bound. Never blocks on the disk. */
  Offer offer(W work) {
    lock.lock();
    try {
      if (closed) {
        return Offer.CLOSED;
      }
      if (heldBytes + work.bytes() > maxBytes) {
        return Offer.FULL;
      }
      heldBytes += work.bytes();
      queue.add(work);
      notEmpty.signal();
      return Offer.ACCEPTED;
    } finally {
      lock.unlock();
    }
  }

  /** Groups written so far. */
  long groups() {
    return groups.get();
  }

  /** Bytes queued or being written. */
  long heldBytes() {
    lock.lock();
    try {
      return heldBytes;
    } finally {
      lock.unlock();
    }
  }

  /** Writes what is queued, stops the writer thread and waits for it. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
    if (Thread.currentThread() != thread) {
      boolean interrupted = false;
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    List<W> group = new ArrayList<>();
    while (true) {
      boolean idle = false;
      lock.lock();
      try {
        long waitNanos = idleTickNanos;
        while (queue.isEmpty() && !closed && waitNanos > 0) {
          waitNanos = notEmpty.awaitNanos(waitNanos);
        }
        if (queue.isEmpty()) {
          if (closed) {
            return;
          }
          idle = true;
        }
        int records = 0;
        while (!queue.isEmpty()
            && (group.isEmpty() || records + queue.peek().records() <= maxGroupRecords)) {
          W work = queue.poll();
          records += work.records();
          group.add(work);
        }
      } catch (InterruptedException e) {
        closed = true; // an interrupt stops the writer as close() does: drain, then exit
        continue;
      } finally {
        lock.unlock();
      }
      if (idle) {
        runIdle();
      } else {
        writeGroup(group);
        group.clear();
      }
    }
  }

  private void writeGroup(List<W> group) {
    long bytes = 0;
    for (W work : group) {
      bytes += work.bytes();
    }
    try {
      writer.write(group);
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "journal writer failed; the group's producers get the failure", e);
      for (W work : group) {
        work.fail(e);
      }
    } finally {
      groups.incrementAndGet();
      lock.lock();
      try {
        heldBytes -= bytes;
      } finally {
        lock.unlock();
      }
    }
  }

  private void runIdle() {
    try {
      writer.idle();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "journal housekeeping failed; retried at the next tick", e);
    }
  }
}
