package io.miguard.mi;

import io.miguard.annotations.BorrowedResult;
import io.miguard.annotations.MoreResults;
import java.util.Objects;

/**
 * One result of an instance operation ({@code MI_Operation_GetInstance} out parameters, or the
 * {@code MI_OperationCallback_Instance} arguments).
 *
 * <p>The result whose {@link #moreResults()} is {@code false} is the final one: it carries the
 * operation's {@link #resultCode()}, and for a single-result operation (get, create, modify,
 * delete, invoke, test connection) also its one instance. Loop on {@code moreResults}, never on a
 * null instance: an instance may be null on success (MI rule 4).
 *
 * <p>As in MI, {@link #instance()} is valid only until the next retrieval from, or the close of,
 * the operation. This binding hands out immutable instances and does not police staleness, so a
 * stale instance stays readable here; code that keeps one beyond the next retrieval should keep
 * {@link MiInstance#cloneInstance()} instead, which is what a native MI binding requires.
 *
 * @param instance the instance, or {@code null} (the final result of a multi-result operation, or a
 *     failure)
 * @param moreResults whether more results follow; {@code false} on the final result
 * @param resultCode {@link MiResult#OK} on every result but a failed final one
 * @param errorMessage MI's message for a failure, or {@code null}
 * @param completionDetails the error instance of a failure, or {@code null}
 */
public record InstanceResult(
    @BorrowedResult MiInstance instance,
    @MoreResults boolean moreResults,
    MiResult resultCode,
    String errorMessage,
    @BorrowedResult MiInstance completionDetails) {
  public InstanceResult {
    Objects.requireNonNull(resultCode, "resultCode");
  }

  /** Whether {@link #resultCode()} is {@link MiResult#OK}. */
  public boolean succeeded() {
    return resultCode == MiResult.OK;
  }
}
