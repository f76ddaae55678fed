package acme.wmi;

/** A result: pending() says whether more follow. */
public record Row(String value, boolean pending) {
  public Row copy() {
    return new Row(value, pending);
  }
}
