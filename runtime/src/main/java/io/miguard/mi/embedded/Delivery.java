package io.miguard.mi.embedded;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.ResultSink;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The backend's side of one operation's {@link ResultSink}: delivers results, notices when the
 * consumer stops taking them, and completes the operation exactly once whoever asks first (the
 * operation's own thread, or {@link EmbeddedBackend#close()}).
 */
final class Delivery {
  private static final System.Logger LOG = System.getLogger("io.miguard.mi.embedded");

  /** The final message of an operation whose consumer stopped it. */
  static final String CANCELLED = "the operation was cancelled";

  private final ResultSink sink;
  private final AtomicBoolean completed = new AtomicBoolean();
  private volatile boolean stopped;

  Delivery(ResultSink sink) {
    this.sink = sink;
  }

  /** Delivers one instance; false once the consumer stopped the operation. */
  boolean instance(MiInstance instance) {
    return deliver(() -> sink.instance(instance));
  }

  /** Delivers one class; false once the consumer stopped the operation. */
  boolean cimClass(MiClass cimClass) {
    return deliver(() -> sink.cimClass(cimClass));
  }

  /** Delivers one indication; false once the consumer stopped the operation. */
  boolean indication(MiInstance indication, @Nullable String bookmark, @Nullable String machineId) {
    return deliver(() -> sink.indication(indication, bookmark, machineId));
  }

  private boolean deliver(java.util.function.BooleanSupplier delivery) {
    if (isStopped()) {
      return false;
    }
    boolean taken;
    try {
      taken = delivery.getAsBoolean();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a result sink failed to take a result", e);
      taken = false;
    }
    if (!taken || Thread.currentThread().isInterrupted()) {
      stopped = true;
    }
    return !stopped;
  }

  /** Whether the consumer cancelled or closed the operation, or the backend is shutting it down. */
  boolean isStopped() {
    if (!stopped && (completed.get() || sinkCancelled())) {
      stopped = true;
    }
    return stopped;
  }

  private boolean sinkCancelled() {
    try {
      return sink.isCancelled();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a result sink failed to say whether it was cancelled", e);
      return true;
    }
  }

  /** Completes successfully with the one result of a single-result operation (or null). */
  void succeed(@Nullable Object finalPayload) {
    complete(finalPayload, MiResult.OK, null);
  }

  /** Completes a multi-result operation: OK, or FAILED with a cancellation message if stopped. */
  void finish() {
    if (isStopped()) {
      complete(null, MiResult.FAILED, CANCELLED);
    } else {
      complete(null, MiResult.OK, null);
    }
  }

  /** Completes the operation unless it was already completed; returns whether this call did. */
  boolean complete(@Nullable Object finalPayload, MiResult result, @Nullable String errorMessage) {
    if (!completed.compareAndSet(false, true)) {
      return false;
    }
    stopped = true;
    try {
      sink.complete(finalPayload, result, errorMessage, null);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a result sink failed to take the final result", e);
    }
    return true;
  }

  /** Whether the operation was completed. */
  boolean isCompleted() {
    return completed.get();
  }
}
