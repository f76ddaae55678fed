package io.miguard.mi;

import io.miguard.annotations.BorrowedResult;
import io.miguard.annotations.MoreResults;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One result of a subscription ({@code MI_Operation_GetIndication} out parameters, or the {@code
 * MI_OperationCallback_Indication} arguments). A subscription delivers indications until it is
 * cancelled or fails; the result whose {@link #moreResults()} is {@code false} is the final one and
 * carries the completion code (after a cancel, {@link MiResult#FAILED} with a cancellation
 * message).
 *
 * <p>As in MI (rule 5), {@link #instance()} and {@link #completionDetails()} are borrowed: valid
 * only until the next retrieval or close (in a callback, until the callback returns); reading them
 * after that throws {@link MiException}, see {@link InstanceResult}.
 *
 * @param instance the indication ({@code __InstanceCreationEvent}, ...), or {@code null} on the
 *     final result
 * @param bookmark the indication's bookmark, or {@code null}
 * @param machineId the machine that raised the indication, or {@code null}
 * @param moreResults whether more results follow; {@code false} on the final result
 * @param resultCode {@link MiResult#OK} on every result but a failed final one
 * @param errorMessage MI's message for a failure, or {@code null}
 * @param completionDetails the error instance of a failure, or {@code null}
 */
public record IndicationResult(
    @BorrowedResult @Nullable MiInstance instance,
    @Nullable String bookmark,
    @Nullable String machineId,
    @MoreResults boolean moreResults,
    MiResult resultCode,
    @Nullable String errorMessage,
    @BorrowedResult @Nullable MiInstance completionDetails) {
  public IndicationResult {
    Objects.requireNonNull(resultCode, "resultCode");
  }

  /** Whether {@link #resultCode()} is {@link MiResult#OK}. */
  public boolean succeeded() {
    return resultCode == MiResult.OK;
  }
}
