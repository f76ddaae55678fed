package io.miguard.mi.embedded;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.ResultSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink that takes every result at once and records it, and counts completions (the backend must
 * complete exactly once). It can cancel itself after a number of results, as a consumer that stops
 * early does.
 */
class CollectingSink implements ResultSink {
  /** An indication with its bookmark and machine id. */
  record Indication(MiInstance instance, String bookmark, String machineId) {}

  /** The final result. */
  record Completion(Object payload, MiResult result, String errorMessage) {}

  private final List<MiInstance> instances = new ArrayList<>();
  private final List<MiClass> classes = new ArrayList<>();
  private final List<Indication> indications = new ArrayList<>();
  private final CountDownLatch completed = new CountDownLatch(1);
  private final AtomicInteger completions = new AtomicInteger();
  private final int cancelAfter;
  private volatile boolean cancelled;
  private volatile Completion completion;
  private volatile Thread deliveringThread;

  /** Starts {@code request} on {@code backend} and waits for its final result. */
  static CollectingSink run(
      io.miguard.mi.spi.MiBackend backend, io.miguard.mi.spi.OperationRequest request) {
    CollectingSink sink = new CollectingSink();
    backend.start(request, sink);
    sink.await();
    return sink;
  }

  /** The final result (call after {@link #await()} or {@link #run}). */
  Completion completion() {
    return completion;
  }

  /** A sink that never cancels. */
  CollectingSink() {
    this(Integer.MAX_VALUE);
  }

  /** A sink that cancels once it has taken {@code cancelAfter} results. */
  CollectingSink(int cancelAfter) {
    this.cancelAfter = cancelAfter;
  }

  @Override
  public synchronized boolean instance(MiInstance instance) {
    deliveringThread = Thread.currentThread();
    instances.add(instance);
    return taken(instances.size());
  }

  @Override
  public synchronized boolean cimClass(MiClass cimClass) {
    deliveringThread = Thread.currentThread();
    classes.add(cimClass);
    return taken(classes.size());
  }

  @Override
  public synchronized boolean indication(MiInstance indication, String bookmark, String machineId) {
    deliveringThread = Thread.currentThread();
    indications.add(new Indication(indication, bookmark, machineId));
    notifyAll();
    return taken(indications.size());
  }

  private boolean taken(int count) {
    if (count >= cancelAfter) {
      cancelled = true;
    }
    return !cancelled;
  }

  @Override
  public void complete(
      Object finalPayload, MiResult result, String errorMessage, MiInstance details) {
    if (completions.incrementAndGet() == 1) {
      deliveringThread = deliveringThread == null ? Thread.currentThread() : deliveringThread;
      completion = new Completion(finalPayload, result, errorMessage);
      completed.countDown();
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  /** Cancels the operation, as MI_Operation_Cancel does. */
  void cancel() {
    cancelled = true;
  }

  /** Waits for the final result; fails the test if it does not come within 10 seconds. */
  Completion await() {
    return await(Duration.ofSeconds(10));
  }

  Completion await(Duration timeout) {
    try {
      if (!completed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the operation did not complete within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return completion;
  }

  /** Whether the final result arrived. */
  boolean isCompleted() {
    return completed.getCount() == 0;
  }

  /** Waits until {@code count} indications arrived; fails the test after 10 seconds. */
  synchronized List<Indication> awaitIndications(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (indications.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "expected "
                + count
                + " indications but got "
                + indications.size()
                + ": "
                + indications);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return List.copyOf(indications);
  }

  synchronized List<MiInstance> instances() {
    return List.copyOf(instances);
  }

  synchronized List<MiClass> classes() {
    return List.copyOf(classes);
  }

  synchronized List<Indication> indications() {
    return List.copyOf(indications);
  }

  /** How many times complete was called (the backend must call it exactly once). */
  int completions() {
    return completions.get();
  }

  /** The thread that delivered results or completed. */
  Thread deliveringThread() {
    return deliveringThread;
  }
}
