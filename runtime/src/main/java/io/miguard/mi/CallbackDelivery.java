package io.miguard.mi;

import io.miguard.mi.ResultChannel.Acknowledgement;
import io.miguard.mi.ResultChannel.ClassItem;
import io.miguard.mi.ResultChannel.FinalItem;
import io.miguard.mi.ResultChannel.IndicationItem;
import io.miguard.mi.ResultChannel.InstanceItem;
import io.miguard.mi.ResultChannel.Item;
import java.lang.System.Logger.Level;

/**
 * The body of an asynchronous operation's delivery thread: takes the operation's results one at a
 * time and hands each to the result callback of its kind, running as the identity that started the
 * operation, until the final result has been delivered. See {@link MiOperationCallbacks} for what
 * happens when a callback throws.
 */
final class CallbackDelivery implements Runnable {
  private static final System.Logger LOG = System.getLogger("io.miguard.mi");
  private static final ResultAcknowledgement AUTOMATIC = () -> {};

  private final MiOperation operation;
  private final MiOperationCallbacks callbacks;
  private final ResultChannel channel;
  private final boolean manualAcknowledgement;

  CallbackDelivery(MiOperation operation) {
    this.operation = operation;
    this.callbacks = operation.callbacks();
    this.channel = operation.channel();
    this.manualAcknowledgement = operation.options().manualAcknowledgement();
  }

  @Override
  public void run() {
    boolean delivered = false;
    while (!delivered) {
      Item item = channel.take();
      delivered = item instanceof FinalItem;
      if (manualAcknowledgement && !delivered) {
        Acknowledgement ack = channel.newAcknowledgement();
        deliver(item, acknowledgementFor(ack), delivered);
        channel.awaitAcknowledgement(ack);
      } else {
        deliver(item, AUTOMATIC, delivered);
      }
    }
  }

  private ResultAcknowledgement acknowledgementFor(Acknowledgement ack) {
    return () -> {
      operation.requireStartingIdentity("acknowledge");
      ack.acknowledge();
    };
  }

  private void deliver(Item item, ResultAcknowledgement ack, boolean last) {
    Impersonation asStarter = SecurityContext.impersonate(operation.identity());
    try {
      invokeResultCallback(item, ack);
    } catch (RuntimeException | Error failure) {
      if (failure instanceof VirtualMachineError) {
        throw failure;
      }
      reportFailure(callbackName(), failure, last);
    } finally {
      // Also ends any impersonation the callback entered and left open.
      SecurityContext.unwindTo(asStarter);
    }
  }

  private void invokeResultCallback(Item item, ResultAcknowledgement ack) {
    if (item instanceof InstanceItem result) {
      callbacks.instanceResult(
          operation, new InstanceResult(result.instance(), true, MiResult.OK, null, null), ack);
    } else if (item instanceof IndicationItem result) {
      callbacks.indicationResult(
          operation,
          new IndicationResult(
              result.instance(),
              result.bookmark(),
              result.machineId(),
              true,
              MiResult.OK,
              null,
              null),
          ack);
    } else if (item instanceof ClassItem result) {
      callbacks.classResult(
          operation, new ClassResult(result.cimClass(), true, MiResult.OK, null, null), ack);
    } else {
      invokeFinalCallback((FinalItem) item, ack);
    }
  }

  private void invokeFinalCallback(FinalItem last, ResultAcknowledgement ack) {
    switch (channel.payload()) {
      case INSTANCE ->
          callbacks.instanceResult(
              operation,
              new InstanceResult(
                  (MiInstance) last.payload(),
                  false,
                  last.result(),
                  last.errorMessage(),
                  last.details()),
              ack);
      case INDICATION ->
          callbacks.indicationResult(
              operation,
              new IndicationResult(
                  (MiInstance) last.payload(),
                  null,
                  null,
                  false,
                  last.result(),
                  last.errorMessage(),
                  last.details()),
              ack);
      case CLASS ->
          callbacks.classResult(
              operation,
              new ClassResult(
                  (MiClass) last.payload(),
                  false,
                  last.result(),
                  last.errorMessage(),
                  last.details()),
              ack);
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
    }
  }
}
