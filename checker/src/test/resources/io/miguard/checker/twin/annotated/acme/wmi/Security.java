package acme.wmi;

import io.miguard.annotations.ContextIdentity;
import io.miguard.annotations.EntersSecurityContext;
import io.miguard.annotations.RunsAs;

/** Impersonation. */
public final class Security {
  private Security() {}

  @EntersSecurityContext
  public static Scope become(@ContextIdentity String user, int flags) {
    return new Scope();
  }

  @RunsAs
  public static void runAs(@ContextIdentity String user, Runnable body) {
    body.run();
  }
}
