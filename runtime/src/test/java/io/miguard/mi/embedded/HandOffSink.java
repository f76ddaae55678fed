package io.miguard.mi.embedded;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.ResultSink;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * A sink that behaves like MI's: it holds one result until the consumer takes it, so a delivery
 * blocks while the previous result was not taken; cancel makes deliveries return false; an
 * interrupt of the blocked backend thread makes the delivery return false.
 */
final class HandOffSink implements ResultSink {
  private final Deque<Object> pending = new ArrayDeque<>();
  private CollectingSink.Completion completion;
  private int completions;
  private boolean cancelled;

  @Override
  public boolean instance(MiInstance instance) {
    return offer(instance);
  }

  @Override
  public boolean cimClass(MiClass cimClass) {
    return offer(cimClass);
  }

  @Override
  public boolean indication(MiInstance indication, String bookmark, String machineId) {
    return offer(indication);
  }

  private synchronized boolean offer(Object result) {
    while (!pending.isEmpty() && !cancelled) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    if (cancelled) {
      return false;
    }
    pending.add(result);
    notifyAll();
    return true;
  }

  @Override
  public synchronized void complete(
      Object finalPayload, MiResult result, String errorMessage, MiInstance details) {
    completions++;
    if (completion == null) {
      completion = new CollectingSink.Completion(finalPayload, result, errorMessage);
    }
    notifyAll();
  }

  @Override
  public synchronized boolean isCancelled() {
    return cancelled;
  }

  synchronized void cancel() {
    cancelled = true;
    notifyAll();
  }

  /** Takes the next result, waiting up to 10 seconds for it; fails the test otherwise. */
  synchronized Object take() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pending.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no result within 10 seconds");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    Object result = pending.remove();
    notifyAll();
    return result;
  }

  /** Waits up to 10 seconds for the final result. */
  synchronized CollectingSink.Completion awaitCompletion() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (completion == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no final result within 10 seconds");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return completion;
  }

  synchronized int completions() {
    return completions;
  }
}
