package io.miguard.mi.stress;

import io.miguard.mi.MiResult;

/** A misuse the stress test commits on purpose, and the refusal the contract promises for it. */
enum Violation {
  /** Closing a synchronous operation before its final result was retrieved. */
  CLOSE_BEFORE_FINAL(MiResult.FAILED),
  /** Closing from another identity than the one that started the operation. */
  CLOSE_AS_ANOTHER_IDENTITY(MiResult.ACCESS_DENIED),
  /** Cancelling from another identity. */
  CANCEL_AS_ANOTHER_IDENTITY(MiResult.ACCESS_DENIED),
  /** Retrieving from another identity. */
  RETRIEVE_AS_ANOTHER_IDENTITY(MiResult.ACCESS_DENIED),
  /** Acknowledging a result from another identity. */
  ACKNOWLEDGE_AS_ANOTHER_IDENTITY(MiResult.ACCESS_DENIED),
  /** Retrieving after the final result. */
  RETRIEVE_AFTER_FINAL(MiResult.FAILED),
  /** Retrieving with the method of another kind of result (getCimClass on an enumeration...). */
  RETRIEVE_WRONG_KIND(MiResult.INVALID_PARAMETER),
  /** Retrieving from an asynchronous operation. */
  RETRIEVE_ASYNCHRONOUS(MiResult.INVALID_PARAMETER),
  /** Retrieving from a closed operation. */
  RETRIEVE_AFTER_CLOSE(MiResult.INVALID_PARAMETER),
  /** Reading root/security as an identity its access rule refuses (the final result says so). */
  READ_SECURITY_AS_OUTSIDER(MiResult.ACCESS_DENIED),
  /** Ending an impersonation while one entered after it is still active. */
  REVERT_OUT_OF_ORDER(MiResult.INVALID_PARAMETER),
  /** Ending an impersonation from another thread than the one that entered it. */
  REVERT_FROM_ANOTHER_THREAD(MiResult.INVALID_PARAMETER),
  /** Starting an operation on a closed session. */
  START_ON_CLOSED_SESSION(MiResult.INVALID_PARAMETER),
  /** Closing a session while operations of it are open (MI rule 7: native MI hangs). */
  CLOSE_SESSION_WITH_OPEN_OPERATIONS(MiResult.FAILED),
  /** Reading a result's instance or class after the next retrieval released it (MI rule 5). */
  READ_AFTER_NEXT_RETRIEVAL(MiResult.FAILED),
  /** Closing a session from a callback, on the callback's thread (MI rule 7: deadlock). */
  CLOSE_SESSION_IN_CALLBACK(MiResult.FAILED),
  /** Closing the application from a callback, on the callback's thread (MI rule 7: deadlock). */
  CLOSE_APPLICATION_IN_CALLBACK(MiResult.FAILED);

  final MiResult expected;

  Violation(MiResult expected) {
    this.expected = expected;
  }
}
