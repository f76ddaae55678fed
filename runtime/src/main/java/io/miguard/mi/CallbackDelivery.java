package io.miguard.mi;

import io.miguard.mi.ResultChannel.Acknowledgement;
import io.miguard.mi.ResultChannel.FinalItem;
import io.miguard.mi.ResultChannel.Item;
import java.lang.System.Logger.Level;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of an asynchronous operation's delivery thread: takes the operation's results one at a
 * time and hands each to the result callback of its kind, running as the identity that started the
 * operation, until the final result has been delivered. See {@link MiOperationCallbacks} for what
 * happens when a callback throws.
 *
 * <p>Each result's borrowed objects live under a lease that ends when the callback returns, or,
 * under manual acknowledgement, when the result is acknowledged (MI rule 5). While a callback runs,
 * {@link #runningCallback()} names it, so that closes MI forbids there (MI rule 7) can refuse.
 */
final class CallbackDelivery implements Runnable {
  private static final System.Logger LOG = System.getLogger("io.miguard.mi");
  private static final ResultAcknowledgement AUTOMATIC = () -> {};
  private static final ThreadLocal<RunningCallback> RUNNING = new ThreadLocal<>();

  /** A callback running on the current thread: its name and the operation it reports on. */
  record RunningCallback(String callback, MiOperation operation) {
    @Override
    public String toString() {
      return "the " + callback + " callback of " + operation;
    }
  }

  /** The callback running on the calling thread, or null when the thread runs none. */
  static @Nullable RunningCallback runningCallback() {
    return RUNNING.get();
  }

  private final MiOperation operation;
  private final MiOperationCallbacks callbacks;
  private final ResultChannel channel;
  private final boolean manualAcknowledgement;

  CallbackDelivery(MiOperation operation) {
    this.operation = operation;
    this.callbacks =
        Objects.requireNonNull(
            operation.callbacks(), "only an asynchronous operation delivers to callbacks");
    this.channel = operation.channel();
    this.manualAcknowledgement = operation.options().manualAcknowledgement();
  }

  @Override
  public void run() {
    boolean delivered = false;
    while (!delivered) {
      Item item = channel.take();
      delivered = item instanceof FinalItem;
      ResultLease lease = operation.lendNext("the callback it was handed to returned");
      if (manualAcknowledgement && !delivered) {
        Acknowledgement ack = channel.newAcknowledgement();
        deliver(item, lease, acknowledgementFor(ack, lease), delivered);
        channel.awaitAcknowledgement(ack);
        lease.release("the operation stopped before the result was acknowledged");
      } else {
        deliver(item, lease, AUTOMATIC, delivered);
        lease.release("the callback it was handed to returned");
      }
    }
  }

  private ResultAcknowledgement acknowledgementFor(Acknowledgement ack, ResultLease lease) {
    return () -> {
      operation.requireStartingIdentity("acknowledge");
      lease.release(
          "the result was acknowledged (under manual acknowledgement a result is valid"
              + " until then)");
      ack.acknowledge();
    };
  }

  private void deliver(Item item, ResultLease lease, ResultAcknowledgement ack, boolean last) {
    Impersonation asStarter = SecurityContext.impersonate(operation.identity());
    RUNNING.set(new RunningCallback(callbackName(), operation));
    try {
      invokeResultCallback(item, lease, ack);
    } catch (RuntimeException | Error failure) {
      if (failure instanceof VirtualMachineError) {
        throw failure;
      }
      reportFailure(callbackName(), failure, last);
    } finally {
      RUNNING.remove();
      // Also ends any impersonation the callback entered and left open.
      SecurityContext.unwindTo(asStarter);
    }
  }

  private void invokeResultCallback(Item item, ResultLease lease, ResultAcknowledgement ack) {
    switch (channel.payload()) {
      case INSTANCE ->
          callbacks.instanceResult(operation, MiOperation.instanceResult(item, lease), ack);
      case INDICATION ->
          callbacks.indicationResult(operation, MiOperation.indicationResult(item, lease), ack);
      case CLASS -> callbacks.classResult(operation, MiOperation.classResult(item, lease), ack);
    }
  }

  private String callbackName() {
    return switch (channel.payload()) {
      case INSTANCE -> "instanceResult";
      case INDICATION -> "indicationResult";
      case CLASS -> "classResult";
    };
  }

  /**
   * A result callback threw: cancel the operation (so its final result reports the failure), tell
   * writeError, and log, so that the failure is never lost.
   */
  private void reportFailure(String callback, Throwable failure, boolean last) {
    String message =
        "the "
            + callback
            + " callback of "
            + operation
            + " threw "
            + failure
            + (last ? "" : "; the operation was cancelled");
    MiInstance error =
        MiInstance.builder(MiOperationCallbacks.CALLBACK_ERROR_CLASS)
            .property("Message", message)
            .property("ExceptionClass", failure.getClass().getName())
            .property("Callback", callback)
            .build();
    if (!last) {
      channel.stop(new FinalItem(null, MiResult.FAILED, message, error), false);
    }
    LOG.log(Level.WARNING, message, failure);
    RUNNING.set(new RunningCallback("writeError", operation));
    try {
      callbacks.writeError(operation, error);
    } catch (RuntimeException | Error writeErrorFailure) {
      if (writeErrorFailure instanceof VirtualMachineError) {
        throw writeErrorFailure;
      }
      LOG.log(
          Level.WARNING,
          "the writeError callback of " + operation + " threw while reporting a failure",
          writeErrorFailure);
    } finally {
      RUNNING.remove();
    }
  }
}
