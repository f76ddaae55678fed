package acme.wmi;

import io.miguard.annotations.BorrowedResult;
import io.miguard.annotations.CancelsOperation;
import io.miguard.annotations.ClosesOperation;
import io.miguard.annotations.DrainedByIteration;
import io.miguard.annotations.DrainsResults;
import io.miguard.annotations.OperationHandle;
import io.miguard.annotations.ReportsDrained;
import io.miguard.annotations.RetrievesResult;
import java.util.List;

/** An operation of the acme wrapper: results are pulled with next() until one is not pending. */
@OperationHandle
public final class Query implements AutoCloseable {
  private boolean done;

  Query() {}

  @RetrievesResult
  @BorrowedResult
  public Row next() {
    done = true;
    return new Row("", false);
  }

  @DrainsResults
  public void finish() {
    Row row;
    do {
      row = next();
    } while (row.pending());
  }

  @DrainedByIteration
  public Iterable<Row> rows() {
    return List.of();
  }

  @ReportsDrained
  public boolean isDrained() {
    return done;
  }

  @CancelsOperation
  public void abort() {}

  @ClosesOperation
  @Override
  public void close() {}
}
