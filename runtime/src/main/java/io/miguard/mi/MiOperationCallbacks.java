package io.miguard.mi;

import io.miguard.annotations.OperationCallbacks;

/**
 * The callbacks of an asynchronous operation ({@code MI_OperationCallbacks}). Every method does
 * nothing by default; implement those you need.
 *
 * <p><b>Asynchrony.</b> Passing any non-null callbacks object to an {@link MiSession} operation
 * makes the operation asynchronous, whichever methods it overrides. This simplifies MI, which makes
 * an operation asynchronous only when the result callback for its kind (instance, indication or
 * class) is set.
 *
 * <p><b>Threading and context.</b> The binding calls these methods on a daemon delivery thread of
 * its own, one call at a time per operation, in result order, with {@link
 * SecurityContext#current()} set to the identity that started the operation. The result callback
 * whose result has {@code moreResults() == false} is the final one; it is called exactly once per
 * operation, also when the operation fails, is cancelled or is closed early (then with {@link
 * MiResult#FAILED}). The operation may be closed from inside any of these methods.
 *
 * <p><b>Exceptions.</b> A result callback that throws does not end delivery silently: the binding
 * cancels the operation, reports the exception to {@link #writeError} (an instance of class {@value
 * #CALLBACK_ERROR_CLASS} with properties {@code Message}, {@code ExceptionClass} and {@code
 * Callback}), and then delivers the final result with {@link MiResult#FAILED} and a message naming
 * the callback and the exception. An exception from the final callback, or from {@code writeError}
 * itself, is reported to {@code writeError} where possible and always logged through {@link
 * System.Logger} (logger {@code io.miguard.mi}).
 *
 * <p><b>Result lifetime.</b> The instance, class and completion details a result callback receives
 * are borrowed (MI rule 5): valid until the callback returns, or, when the operation was started
 * with {@link OperationOptions#manualAcknowledgement()}, until the result is acknowledged (or the
 * operation stops without the acknowledgement). Closing the operation, from the callback or another
 * thread, does not end a result whose callback is running. Reading one later throws {@link
 * MiException}; keep {@link MiInstance#cloneInstance()} or {@link MiClass#cloneClass()}.
 *
 * <p><b>Closing from a callback (MI rules 7 and 9).</b> A callback may close its own operation. It
 * must not close a session or the {@link MiApplication}: native MI deadlocks there, and this
 * binding throws {@link MiException} instead. Close them after the callbacks, on another thread.
 *
 * <p><b>Lambdas.</b> This interface has no abstract method; {@link #onInstance}, {@link
 * #onIndication} and {@link #onClass} turn a lambda for the one result callback an operation needs
 * into callbacks ({@link InstanceCallback}, {@link IndicationCallback}, {@link ClassCallback}).
 */
@OperationCallbacks
public interface MiOperationCallbacks {
  /** The class of the instance handed to {@link #writeError} when a callback throws. */
  String CALLBACK_ERROR_CLASS = "MIGUARD_CallbackError";

  /**
   * Callbacks whose {@link #instanceResult} is {@code callback}: a lambda for an instance
   * operation. Returns {@code callback} itself, which is already such callbacks.
   */
  static MiOperationCallbacks onInstance(InstanceCallback callback) {
    return java.util.Objects.requireNonNull(callback, "callback");
  }

  /** Callbacks whose {@link #indicationResult} is {@code callback}: a lambda for a subscription. */
  static MiOperationCallbacks onIndication(IndicationCallback callback) {
    return java.util.Objects.requireNonNull(callback, "callback");
  }

  /** Callbacks whose {@link #classResult} is {@code callback}: a lambda for a class operation. */
  static MiOperationCallbacks onClass(ClassCallback callback) {
    return java.util.Objects.requireNonNull(callback, "callback");
  }

  /** One result of an instance operation. */
  default void instanceResult(
      MiOperation operation, InstanceResult result, ResultAcknowledgement ack) {}

  /** One result of a subscription. */
  default void indicationResult(
      MiOperation operation, IndicationResult result, ResultAcknowledgement ack) {}

  /** One result of a class operation. */
  default void classResult(MiOperation operation, ClassResult result, ResultAcknowledgement ack) {}

  /** A message from the server ({@code MI_OperationCallback_WriteMessage}). */
  default void writeMessage(MiOperation operation, int channel, String message) {}

  /** A progress report ({@code MI_OperationCallback_WriteProgress}). */
  default void writeProgress(
      MiOperation operation,
      String activity,
      String currentOperation,
      String statusDescription,
      int percentComplete,
      int secondsRemaining) {}

  /** An error report ({@code MI_OperationCallback_WriteError}); see the class javadoc. */
  default void writeError(MiOperation operation, MiInstance error) {}
}
