package io.miguard.mi.embedded;

import io.miguard.mi.MiException;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationKind;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One operation on its backend thread: runs its handler, turns whatever it throws into the final
 * result, makes sure the operation completes exactly once, and can be shut down from another thread
 * (which completes it with {@link MiResult#SERVER_IS_SHUTTING_DOWN} and interrupts its thread, so
 * that a delivery blocked on a slow consumer returns).
 */
final class RunningOperation implements Runnable {
  private static final System.Logger LOG = System.getLogger("io.miguard.mi.embedded");

  static final String SHUT_DOWN = "the backend was closed while the operation ran";

  private final OperationKind kind;
  private final OperationHandler handler;
  private final Delivery delivery;
  private final Consumer<RunningOperation> onEnd;
  private @Nullable Thread thread; // guarded by this
  private boolean shutDown; // guarded by this

  RunningOperation(
      OperationKind kind,
      OperationHandler handler,
      Delivery delivery,
      Consumer<RunningOperation> onEnd) {
    this.kind = kind;
    this.handler = handler;
    this.delivery = delivery;
    this.onEnd = onEnd;
  }

  @Override
  public void run() {
    synchronized (this) {
      if (shutDown) {
        handler.abandon();
        onEnd.accept(this);
        return;
      }
      thread = Thread.currentThread();
    }
    try {
      handler.run(delivery);
    } catch (MiException e) {
      delivery.complete(null, e.result(), e.errorMessage());
    } catch (InterruptedException e) {
      delivery.complete(null, MiResult.SERVER_IS_SHUTTING_DOWN, SHUT_DOWN);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the embedded backend failed on an operation of kind " + kind, e);
      delivery.complete(null, MiResult.FAILED, "the backend failed: " + e);
    } finally {
      if (!delivery.isCompleted()) {
        delivery.complete(
            null,
            MiResult.FAILED,
            "the backend ended an operation of kind " + kind + " without a result");
      }
      synchronized (this) {
        thread = null;
      }
      Thread.interrupted(); // a shutdown's interrupt must not leak into the pool thread's next task
      onEnd.accept(this);
    }
  }

  /** Completes the operation as shut down and interrupts its thread if it is running. */
  void shutDown() {
    delivery.complete(null, MiResult.SERVER_IS_SHUTTING_DOWN, SHUT_DOWN);
    synchronized (this) {
      shutDown = true;
      if (thread != null) {
        thread.interrupt();
      }
    }
  }

  /** Releases what the handler holds when the operation will never run. */
  void abandon() {
    handler.abandon();
  }
}
