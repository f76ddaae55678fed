package io.miguard.mi;

import io.miguard.annotations.BorrowedResult;
import io.miguard.annotations.MoreResults;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One result of an instance operation ({@code MI_Operation_GetInstance} out parameters, or the
 * {@code MI_OperationCallback_Instance} arguments).
 *
 * <p>The result whose {@link #moreResults()} is {@code false} is the final one: it carries the
 * operation's {@link #resultCode()}, and for a single-result operation (get, create, modify,
 * delete, invoke, test connection) also its one instance. Loop on {@code moreResults}, never on a
 * null instance: an instance may be null on success (MI rule 4).
 *
 * <p>As in MI (rule 5), {@link #instance()} and {@link #completionDetails()} are borrowed from the
 * operation: valid only until the next retrieval from it or its close (in a callback, until the
 * callback returns). Reading them after that throws {@link MiException} naming the operation and
 * the rule; keep {@link MiInstance#cloneInstance()} to use one longer. The record itself, and its
 * other components, stay readable.
 *
 * @param instance the instance, or {@code null} (the final result of a multi-result operation, or a
 *     failure)
 * @param moreResults whether more results follow; {@code false} on the final result
 * @param resultCode {@link MiResult#OK} on every result but a failed final one
 * @param errorMessage MI's message for a failure, or {@code null}
 * @param completionDetails the error instance of a failure, or {@code null}
 */
public record InstanceResult(
    @BorrowedResult @Nullable MiInstance instance,
    @MoreResults boolean moreResults,
    MiResult resultCode,
    @Nullable String errorMessage,
    @BorrowedResult @Nullable MiInstance completionDetails) {
  public InstanceResult {
    Objects.requireNonNull(resultCode, "resultCode");
  }

  /** Whether {@link #resultCode()} is {@link MiResult#OK}. */
  public boolean succeeded() {
    return resultCode == MiResult.OK;
  }
}
