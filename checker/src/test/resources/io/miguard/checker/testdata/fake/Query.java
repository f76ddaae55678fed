package fake;

import io.miguard.annotations.CancelsOperation;
import io.miguard.annotations.ClosesOperation;
import io.miguard.annotations.DrainedByIteration;
import io.miguard.annotations.DrainsResults;
import io.miguard.annotations.OperationHandle;
import io.miguard.annotations.RetrievesResult;
import java.util.List;

/** A user's own operation handle: no name in it is one the check knows. */
@OperationHandle
public final class Query implements AutoCloseable {
  private final Query inner;

  Query(Query inner) {
    this.inner = inner;
  }

  @RetrievesResult
  public Row fetch() {
    return new Row("", false);
  }

  @DrainsResults
  public void finish() {
    Row row;
    do {
      row = fetch();
    } while (row.pending());
  }

  @DrainsResults
  public void finishDelegating() {
    inner.finish();
  }

  @DrainsResults
  // BUG: Diagnostic contains: The receiver of finishUnlessEmpty() is not drained on every normal path: the path through line 41 returns undrained
  public void finishUnlessEmpty(boolean empty) {
    if (!empty) {
      finish();
    }
  }

  @DrainedByIteration
  public Iterable<String> rows() {
    return List.of();
  }

  @CancelsOperation
  public void abort() {}

  @ClosesOperation
  @Override
  public void close() {}
}
