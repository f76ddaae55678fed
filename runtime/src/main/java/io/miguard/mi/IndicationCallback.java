package io.miguard.mi;

import io.miguard.annotations.OperationCallbacks;

/**
 * {@link MiOperationCallbacks} that receive only the results of a subscription, written as a
 * lambda: {@link MiOperationCallbacks#onIndication} takes one. Every other callback does nothing.
 *
 * <pre>{@code
 * MiOperation op = session.subscribe("root/cimv2", "WQL",
 *     "SELECT * FROM __InstanceCreationEvent WITHIN 1 WHERE TargetInstance ISA 'Win32_Process'",
 *     MiOperationCallbacks.onIndication((operation, result, ack) -> {
 *       if (result.instance() != null) {
 *         events.add(result.instance().cloneInstance()); // keep a copy beyond the callback
 *       }
 *     }));
 * }</pre>
 *
 * <p>The lambda is the {@link MiOperationCallbacks#indicationResult} method, with everything that
 * says: it runs on the operation's delivery thread as the starting identity; the result's borrowed
 * objects are valid until it returns; it may close its operation but not a session or the
 * application (MI rule 7, refused with {@link MiException}).
 */
@OperationCallbacks
@FunctionalInterface
public interface IndicationCallback extends MiOperationCallbacks {
  /** One result of the operation; see {@link MiOperationCallbacks#indicationResult}. */
  @Override
  void indicationResult(MiOperation operation, IndicationResult result, ResultAcknowledgement ack);
}
