package io.miguard.mi;

import io.miguard.annotations.OperationCallbacks;

/**
 * {@link MiOperationCallbacks} that receive only the results of a class operation (get class,
 * enumerate classes), written as a lambda: {@link MiOperationCallbacks#onClass} takes one. Every
 * other callback does nothing.
 *
 * <pre>{@code
 * MiOperation op = session.enumerateClasses("root/cimv2", null, false,
 *     MiOperationCallbacks.onClass((operation, result, ack) -> {
 *       if (result.cimClass() != null) {
 *         names.add(result.cimClass().className());
 *       }
 *       if (!result.moreResults()) {
 *         operation.close();
 *       }
 *     }));
 * }</pre>
 *
 * <p>The lambda is the {@link MiOperationCallbacks#classResult} method, with everything that says:
 * it runs on the operation's delivery thread as the starting identity; the result's borrowed
 * objects are valid until it returns; it may close its operation but not a session or the
 * application (MI rule 7, refused with {@link MiException}).
 */
@OperationCallbacks
@FunctionalInterface
public interface ClassCallback extends MiOperationCallbacks {
  /** One result of the operation; see {@link MiOperationCallbacks#classResult}. */
  @Override
  void classResult(MiOperation operation, ClassResult result, ResultAcknowledgement ack);
}
