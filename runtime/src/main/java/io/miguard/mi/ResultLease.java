package io.miguard.mi;

import org.jspecify.annotations.Nullable;

/**
 * The lifetime of one result's borrowed objects (MI rule 5): the instance, class and completion
 * details that one retrieval or one callback hands out share a lease, which the operation releases
 * at its next retrieval, at its close, or when the callback returns (the result is acknowledged,
 * under manual acknowledgement). Every accessor of a borrowed {@link MiInstance} or {@link MiClass}
 * calls {@link #requireValid} first: one volatile read while the lease holds.
 */
final class ResultLease {
  private static final String RULE =
      "MI rule 5: an instance, class or error details handed out by a result is valid only until"
          + " the next retrieval from its operation or the operation's close; clone it to keep it"
          + " (cloneInstance(), cloneClass())";

  private final MiOperation operation;
  // null while the lease holds; then what released it.
  private volatile @Nullable String releasedBy;

  ResultLease(MiOperation operation) {
    this.operation = operation;
  }

  /** Ends the lease; the first reason given is kept. */
  void release(String why) {
    if (releasedBy == null) {
      synchronized (this) {
        if (releasedBy == null) {
          releasedBy = why;
        }
      }
    }
  }

  /** Whether the lease was released. */
  boolean isReleased() {
    return releasedBy != null;
  }

  /**
   * Throws unless the lease holds.
   *
   * @param what the borrowed object and the accessor called, for the message
   * @throws MiException {@link MiResult#FAILED} naming the operation, what released the object, and
   *     the rule
   */
  void requireValid(String what) {
    String why = releasedBy;
    if (why != null) {
      throw new MiException(
          MiResult.FAILED,
          what
              + " was read after it was released: it was borrowed from a result of "
              + operation
              + ", and "
              + why
              + "; "
              + RULE);
    }
  }

  /** What {@code toString()} of a released object says instead of its content. */
  String releasedDescription() {
    return "released: borrowed from a result of " + operation + ", and " + releasedBy;
  }
}
