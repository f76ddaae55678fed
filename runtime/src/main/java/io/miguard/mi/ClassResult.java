package io.miguard.mi;

import io.miguard.annotations.BorrowedResult;
import io.miguard.annotations.MoreResults;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One result of a class operation ({@code MI_Operation_GetClass} out parameters, or the {@code
 * MI_OperationCallback_Class} arguments). For get class the one result is final and carries the
 * class; for enumerate classes the final result has a null class and the completion code.
 *
 * <p>As in MI (rule 5), {@link #cimClass()} and {@link #completionDetails()} are borrowed: valid
 * only until the next retrieval or close (in a callback, until the callback returns); reading them
 * after that throws {@link MiException}. Keep {@link MiClass#cloneClass()} to use a class longer.
 *
 * @param cimClass the class, or {@code null}
 * @param moreResults whether more results follow; {@code false} on the final result
 * @param resultCode {@link MiResult#OK} on every result but a failed final one
 * @param errorMessage MI's message for a failure, or {@code null}
 * @param completionDetails the error instance of a failure, or {@code null}
 */
public record ClassResult(
    @BorrowedResult @Nullable MiClass cimClass,
    @MoreResults boolean moreResults,
    MiResult resultCode,
    @Nullable String errorMessage,
    @BorrowedResult @Nullable MiInstance completionDetails) {
  public ClassResult {
    Objects.requireNonNull(resultCode, "resultCode");
  }

  /** Whether {@link #resultCode()} is {@link MiResult#OK}. */
  public boolean succeeded() {
    return resultCode == MiResult.OK;
  }
}
