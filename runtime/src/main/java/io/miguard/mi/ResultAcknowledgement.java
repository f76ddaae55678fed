package io.miguard.mi;

/**
 * Acknowledges one result handed to an {@link MiOperationCallbacks} result method ({@code
 * MI_Result_Acknowledgement}).
 *
 * <p>With {@link OperationOptions#manualAcknowledgement()} the binding delivers the next result of
 * the operation only after this one was acknowledged (MI's {@code
 * MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS}). It may be called from the callback or later from any
 * thread that runs in the operation's starting security context; calling it from another identity
 * throws {@link MiException} with {@link MiResult#ACCESS_DENIED} (MI rule 6). Acknowledging twice
 * is harmless. Without manual acknowledgement it does nothing.
 *
 * <p>Under manual acknowledgement, the result's instance, class and completion details are valid
 * until it is acknowledged (MI rule 5): read or clone them first.
 */
@FunctionalInterface
public interface ResultAcknowledgement {
  /**
   * Lets the operation deliver its next result, and releases this one's borrowed objects.
   *
   * @throws MiException {@link MiResult#ACCESS_DENIED} from another identity than the starting one
   */
  void acknowledge() throws MiException;
}
