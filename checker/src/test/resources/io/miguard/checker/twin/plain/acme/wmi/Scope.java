package acme.wmi;

/** An impersonation in effect until it is closed. */
public final class Scope implements AutoCloseable {
  Scope() {}

  @Override
  public void close() {}
}
