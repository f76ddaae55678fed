package io.miguard.mi;

import io.miguard.mi.spi.OperationKind;
import io.miguard.mi.spi.ResultSink;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The hand-off between a backend thread producing one operation's results and the single consumer
 * of them (a synchronous caller's retrievals, or an asynchronous operation's delivery thread).
 *
 * <p>It holds at most one result that the consumer has not taken yet (MI hands out one result at a
 * time), plus the final result once the backend completes. A stop (cancel, close, timeout, failed
 * callback) discards the untaken result and replaces the final one, so the next take returns the
 * stop's final result at once without waiting for the backend.
 *
 * <p>Every wait is bounded by the operation's deadline when it has one, and is woken by a stop.
 */
final class ResultChannel implements ResultSink {
  /** What an operation delivers, which decides the retrieval method that takes its results. */
  enum Payload {
    INSTANCE("getInstance"),
    CLASS("getCimClass"),
    INDICATION("getIndication");

    final String retrieval;

    Payload(String retrieval) {
      this.retrieval = retrieval;
    }

    static Payload of(OperationKind kind) {
      return switch (kind) {
        case GET_CLASS, ENUMERATE_CLASSES -> CLASS;
        case SUBSCRIBE -> INDICATION;
        default -> INSTANCE;
      };
    }
  }

  /** One result as it travels from the backend to the consumer. */
  sealed interface Item permits InstanceItem, ClassItem, IndicationItem, FinalItem {}

  record InstanceItem(MiInstance instance) implements Item {}

  record ClassItem(MiClass cimClass) implements Item {}

  record IndicationItem(MiInstance instance, @Nullable String bookmark, @Nullable String machineId)
      implements Item {}

  /** The final result: {@code payload} is the one result of a single-result operation. */
  record FinalItem(
      @Nullable Object payload,
      MiResult result,
      @Nullable String errorMessage,
      @Nullable MiInstance details)
      implements Item {}

  private final OperationKind kind;
  private final Payload payload;
  private final @Nullable Duration timeout;
  private final long deadlineNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  // All guarded by lock.
  private @Nullable Item pending;
  private @Nullable Object singlePayload;
  private @Nullable FinalItem backendFinal;
  private @Nullable FinalItem stopFinal;
  private boolean stoppedByCaller;
  private boolean finalTaken;
  private volatile boolean stopped;
  // The thread inside MiBackend.start for this operation, while it is there.
  private volatile @Nullable Thread starter;

  ResultChannel(OperationKind kind, @Nullable Duration timeout) {
    this.kind = kind;
    this.payload = Payload.of(kind);
    this.timeout = timeout;
    this.deadlineNanos = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
  }

  Payload payload() {
    return payload;
  }

  /** Marks the calling thread as the one running the backend's start (null: start returned). */
  void startingOn(@Nullable Thread thread) {
    starter = thread;
  }

  // ---- producer side (ResultSink) ----

  @Override
  public boolean instance(MiInstance instance) {
    if (payload == Payload.INSTANCE) {
      return offer(new InstanceItem(instance));
    }
    return rejectWrongPayload("an instance");
  }

  @Override
  public boolean cimClass(MiClass cimClass) {
    if (payload == Payload.CLASS) {
      return offer(new ClassItem(cimClass));
    }
    return rejectWrongPayload("a class");
  }

  @Override
  public boolean indication(
      MiInstance indication, @Nullable String bookmark, @Nullable String machineId) {
    if (payload == Payload.INDICATION) {
      return offer(new IndicationItem(indication, bookmark, machineId));
    }
    return rejectWrongPayload("an indication");
  }

  @Override
  public void complete(
      @Nullable Object finalPayload,
      MiResult result,
      @Nullable String errorMessage,
      @Nullable MiInstance details) {
    lock.lock();
    try {
      if (backendFinal != null) {
        return;
      }
      Object carried = finalPayload != null ? finalPayload : singlePayload;
      if (carried != null && !fits(carried)) {
        backendFinal =
            new FinalItem(
                null,
                MiResult.FAILED,
                "the backend completed an operation of kind "
                    + kind
                    + " with a result of type "
                    + carried.getClass().getName(),
                null);
      } else {
        backendFinal =
            new FinalItem(
                carried, result == null ? MiResult.FAILED : result, errorMessage, details);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isCancelled() {
    if (stopped) {
      return true;
    }
    if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos >= 0) {
      lock.lock();
      try {
        if (backendFinal == null) {
          stop(timeoutFinal(), false);
        }
      } finally {
        lock.unlock();
      }
    }
    return stopped;
  }

  private boolean offer(Item item) {
    lock.lock();
    try {
      if (stopped || backendFinal != null) {
        return false;
      }
      if (!kind.multipleResults()) {
        // A single-result operation's one result is its final one: keep it for complete().
        if (singlePayload == null) {
          singlePayload =
              item instanceof InstanceItem i ? i.instance() : ((ClassItem) item).cimClass();
        }
        return true;
      }
      if (pending != null && Thread.currentThread() == starter) {
        // Waiting here would deadlock a synchronous caller, which cannot retrieve before start
        // returns: the SPI forbids delivering on the starting thread, so fail the operation.
        stop(
            new FinalItem(
                null,
                MiResult.FAILED,
                "the backend delivered several results on the thread that started the operation",
                null),
            false);
        return false;
      }
      while (pending != null && !stopped) {
        try {
          if (!awaitChange()) {
            stop(timeoutFinal(), false);
          }
        } catch (InterruptedException e) {
          // The backend is being shut down: let it stop producing and complete.
          Thread.currentThread().interrupt();
          return false;
        }
      }
      if (stopped) {
        return false;
      }
      pending = item;
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private boolean rejectWrongPayload(String what) {
    complete(
        null,
        MiResult.FAILED,
        "the backend delivered " + what + " to an operation of kind " + kind,
        null);
    return false;
  }

  private boolean fits(Object carried) {
    return switch (payload) {
      case CLASS -> carried instanceof MiClass;
      case INSTANCE, INDICATION -> carried instanceof MiInstance;
    };
  }

  // ---- consumer side ----

  /**
   * Takes the next result, waiting for it. Returns the final result exactly once.
   *
   * @throws MiException with {@link MiResult#FAILED} once the final result was taken
   */
  Item take() {
    lock.lock();
    try {
      while (true) {
        if (finalTaken) {
          throw new MiException(
              MiResult.FAILED,
              "no more results: the final result (moreResults false) was already retrieved");
        }
        if (stopFinal != null) {
          finalTaken = true;
          return stopFinal;
        }
        if (pending != null) {
          Item item = pending;
          pending = null;
          changed.signalAll();
          return item;
        }
        if (backendFinal != null) {
          finalTaken = true;
          return backendFinal;
        }
        try {
          if (!awaitChange()) {
            stop(timeoutFinal(), false);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stop(interruptedFinal(), false);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the operation: the backend's deliveries fail from now on, an untaken result is discarded,
   * and unless the final result was already taken, {@code replacement} becomes the final result.
   * Only the first stop counts.
   */
  void stop(FinalItem replacement, boolean byCaller) {
    lock.lock();
    try {
      if (stopped) {
        return;
      }
      stopped = true;
      if (!finalTaken) {
        stopFinal = replacement;
        stoppedByCaller = byCaller;
        pending = null;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the final result was taken by the consumer. */
  boolean finalTaken() {
    lock.lock();
    try {
      return finalTaken;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the final result the consumer took, or will take, reports the caller's cancel. */
  boolean stoppedByCaller() {
    lock.lock();
    try {
      return stoppedByCaller;
    } finally {
      lock.unlock();
    }
  }

  /** A fresh acknowledgement for manual acknowledgement of one result. */
  Acknowledgement newAcknowledgement() {
    return new Acknowledgement();
  }

  /** Waits until {@code ack} was acknowledged, or the operation stopped or timed out. */
  void awaitAcknowledgement(Acknowledgement ack) {
    lock.lock();
    try {
      while (!ack.acknowledged && !stopped) {
        try {
          if (!awaitChange()) {
            stop(timeoutFinal(), false);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stop(interruptedFinal(), false);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** The acknowledgement of one result; see {@link #awaitAcknowledgement}. */
  final class Acknowledgement {
    private boolean acknowledged;

    void acknowledge() {
      lock.lock();
      try {
        acknowledged = true;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  // ---- waiting ----

  /** Waits for a change; returns false when the deadline has passed. */
  private boolean awaitChange() throws InterruptedException {
    if (deadlineNanos == 0) {
      changed.await();
      return true;
    }
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      return false;
    }
    changed.await(left, TimeUnit.NANOSECONDS);
    return true;
  }

  private static FinalItem interruptedFinal() {
    return new FinalItem(
        null,
        MiResult.FAILED,
        "the wait for a result was interrupted; the operation was cancelled",
        null);
  }

  private FinalItem timeoutFinal() {
    return new FinalItem(
        null,
        MiResult.FAILED,
        "the operation timed out after " + timeout + " and was cancelled (reason TIMEOUT)",
        null);
  }
}
