package acme.wmi;

/** Impersonation. */
public final class Security {
  private Security() {}

  public static Scope become(String user, int flags) {
    return new Scope();
  }

  public static void runAs(String user, Runnable body) {
    body.run();
  }
}
