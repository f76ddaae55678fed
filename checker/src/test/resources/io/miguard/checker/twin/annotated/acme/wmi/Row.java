package acme.wmi;

import io.miguard.annotations.CopiesResult;
import io.miguard.annotations.MoreResults;

/** A result: pending() says whether more follow. */
public record Row(String value, @MoreResults boolean pending) {
  @CopiesResult
  public Row copy() {
    return new Row(value, pending);
  }
}
