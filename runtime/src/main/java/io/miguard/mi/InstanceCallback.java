package io.miguard.mi;

import io.miguard.annotations.OperationCallbacks;

/**
 * {@link MiOperationCallbacks} that receive only the results of an instance operation (get,
 * enumerate, query, associators, references, create, modify, delete, invoke, test connection),
 * written as a lambda: {@link MiOperationCallbacks#onInstance} takes one. Every other callback does
 * nothing.
 *
 * <pre>{@code
 * MiOperation op = session.enumerateInstances("root/cimv2", "Win32_Process",
 *     MiOperationCallbacks.onInstance((operation, result, ack) -> {
 *       if (result.instance() != null) {
 *         names.add((String) result.instance().get("Name"));
 *       }
 *       if (!result.moreResults()) {
 *         operation.close(); // allowed in the operation's own callback
 *         done.countDown();
 *       }
 *     }));
 * }</pre>
 *
 * <p>The lambda is the {@link MiOperationCallbacks#instanceResult} method, with everything that
 * says: it runs on the operation's delivery thread as the starting identity; the result's borrowed
 * objects are valid until it returns; it may close its operation but not a session or the
 * application (MI rule 7, refused with {@link MiException}).
 */
@OperationCallbacks
@FunctionalInterface
public interface InstanceCallback extends MiOperationCallbacks {
  /** One result of the operation; see {@link MiOperationCallbacks#instanceResult}. */
  @Override
  void instanceResult(MiOperation operation, InstanceResult result, ResultAcknowledgement ack);
}
