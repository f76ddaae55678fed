package io.miguard.mi.embedded;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads operations run on: daemon threads named {@code miguard-backend-N} (N counts across
 * all backends of the process), created on demand because an operation may hold its thread for as
 * long as its consumer takes to pull results; an idle thread ends after a few seconds.
 */
final class BackendThreads implements ThreadFactory {
  private static final AtomicLong COUNT = new AtomicLong();
  private static final long IDLE_SECONDS = 5;

  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), this);

  @Override
  public Thread newThread(Runnable task) {
    Runnable tracked =
        () -> {
          try {
            task.run();
          } finally {
            threads.remove(Thread.currentThread());
          }
        };
    Thread thread = new Thread(tracked, "miguard-backend-" + COUNT.incrementAndGet());
    thread.setDaemon(true);
    threads.add(thread);
    return thread;
  }

  /**
   * Runs {@code operation} on a backend thread.
   *
   * @throws java.util.concurrent.RejectedExecutionException after {@link #shutDown()}
   */
  void execute(Runnable operation) {
    executor.execute(operation);
  }

  /** Stops accepting work, interrupts running threads, and waits up to {@code wait} for them. */
  boolean shutDown(Duration wait) {
    executor.shutdownNow();
    if (threads.contains(Thread.currentThread())) {
      return false; // closed from one of our own threads: it cannot wait for itself
    }
    return awaitTermination(wait);
  }

  /** Waits until every thread ended (only after {@link #shutDown}); false if time ran out. */
  boolean awaitTermination(Duration wait) {
    try {
      long deadline = System.nanoTime() + wait.toNanos();
      if (!executor.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        return false;
      }
      for (Thread thread : threads) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return threads.isEmpty();
        }
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
      return threads.stream().noneMatch(Thread::isAlive);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** How many backend threads are alive (running an operation or idle). */
  int liveThreadCount() {
    return (int) threads.stream().filter(Thread::isAlive).count();
  }
}
