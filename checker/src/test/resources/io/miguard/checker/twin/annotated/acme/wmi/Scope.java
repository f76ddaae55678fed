package acme.wmi;

import io.miguard.annotations.LeavesSecurityContext;

/** An impersonation in effect until it is closed. */
public final class Scope implements AutoCloseable {
  Scope() {}

  @LeavesSecurityContext
  @Override
  public void close() {}
}
