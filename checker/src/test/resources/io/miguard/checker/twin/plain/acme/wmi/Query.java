package acme.wmi;

import java.util.List;

/** An operation of the acme wrapper: results are pulled with next() until one is not pending. */
public final class Query implements AutoCloseable {
  private boolean done;

  Query() {}

  public Row next() {
    done = true;
    return new Row("", false);
  }

  public void finish() {
    Row row;
    do {
      row = next();
    } while (row.pending());
  }

  public Iterable<Row> rows() {
    return List.of();
  }

  public boolean isDrained() {
    return done;
  }

  public void abort() {}

  @Override
  public void close() {}
}
