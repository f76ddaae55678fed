package io.miguard.mi.embedded;

import io.miguard.mi.Identity;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Who may use a namespace: one test for reading (get, enumerate, query, associators, references,
 * get class, enumerate classes, subscribe) and one for writing (create, modify, delete, invoke).
 * Operations refused by the rule complete with {@link io.miguard.mi.MiResult#ACCESS_DENIED}. A rule
 * set on a namespace also governs the namespaces below it that have no rule of their own.
 *
 * @param read who may read
 * @param write who may write and invoke methods
 */
public record AccessRule(Predicate<Identity> read, Predicate<Identity> write) {
  public AccessRule {
    Objects.requireNonNull(read, "read");
    Objects.requireNonNull(write, "write");
  }

  /** Everyone may read and write. */
  public static AccessRule allowAll() {
    return new AccessRule(identity -> true, identity -> true);
  }

  /**
   * Only the named identities (names compare ignoring case, as Windows accounts do) may read and
   * write.
   */
  public static AccessRule onlyFor(String... identityNames) {
    Predicate<Identity> named =
        identity ->
            Arrays.stream(identityNames).anyMatch(name -> name.equalsIgnoreCase(identity.name()));
    return new AccessRule(named, named);
  }

  /** Everyone {@code readers} accepts may read; nobody may write. */
  public static AccessRule readOnly(Predicate<Identity> readers) {
    return new AccessRule(readers, identity -> false);
  }
}
