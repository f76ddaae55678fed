package io.miguard.mi.spi;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import org.jspecify.annotations.Nullable;

/**
 * Where a backend delivers the results of one operation. The binding implements it; a backend calls
 * it from its own thread(s), never from the thread that started the operation.
 *
 * <p>Every operation ends with exactly one {@link #complete} call, also after a cancel (then with
 * {@link MiResult#FAILED} and a cancellation message, or whatever the backend reports). Calls after
 * {@code complete} are ignored. A delivery method blocks while the consumer has not yet taken the
 * previous result (MI hands out one result at a time), and returns {@code false} once the operation
 * is cancelled or closed, after which the backend should stop producing and call {@code complete}.
 *
 * <p>A delivery blocked waiting for the consumer also returns {@code false} when the backend's
 * thread is interrupted (leaving the thread's interrupt status set): a backend that shuts down
 * completes its running operations and interrupts their threads, and relies on this to get its
 * threads back from consumers that stopped pulling. {@code complete} never blocks.
 */
public interface ResultSink {
  /** Delivers one instance (enumerate, query, get, create, invoke output, ...). */
  boolean instance(MiInstance instance);

  /** Delivers one class (get class, enumerate classes). */
  boolean cimClass(MiClass cimClass);

  /** Delivers one indication (subscribe). */
  boolean indication(MiInstance indication, @Nullable String bookmark, @Nullable String machineId);

  /**
   * Ends the operation. For single-result operations the instance or class passed here (may be
   * null) is the operation's one result; multi-result operations pass null. {@code errorMessage}
   * and {@code details} describe a failure; a success passes null for both.
   */
  void complete(
      @Nullable Object finalPayload,
      MiResult result,
      @Nullable String errorMessage,
      @Nullable MiInstance details);

  /** Whether the operation was cancelled or closed: a long-running backend polls it. */
  boolean isCancelled();
}
