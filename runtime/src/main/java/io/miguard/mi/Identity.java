package io.miguard.mi;

import java.util.Objects;

/**
 * An identity a thread can run as (a Windows logon token, in MI terms). Two identities with the
 * same name are the same security context.
 */
public record Identity(String name) {
  private static final Identity PROCESS = new Identity("SYSTEM");

  public Identity {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an identity needs a name");
    }
  }

  /** The identity with the given name. */
  public static Identity of(String name) {
    return new Identity(name);
  }

  /** The identity the process runs as, which every thread has when it does not impersonate. */
  public static Identity process() {
    return PROCESS;
  }
}
