package io.miguard.checker.analysis;

import java.util.Objects;

/**
 * The identity of an abstract operation: its allocation site, and whether it is the newest
 * operation started there or one of the earlier ones. For an operation started in the body, the
 * start call's tree; for a parameter, the parameter's symbol; for a value the analysis cannot trace
 * (a field, an unknown method's result), the field's symbol or the expression's tree. An operation
 * captured from an enclosing body keeps the id it has there.
 *
 * <p>A start call in a loop starts a new operation on every iteration: when it runs again, the
 * operation it started before becomes {@linkplain #older() older} (every earlier operation of the
 * site shares that one id), so that after {@code previous = current; current = start();} the drain
 * and the close of {@code previous} are of the earlier operation, not the new one.
 */
final class OperationId {
  private final Object site;
  private final boolean older;

  private OperationId(Object site, boolean older) {
    this.site = site;
    this.older = older;
  }

  /** The id of the (newest) operation allocated at {@code site} (a tree or a symbol). */
  static OperationId of(Object site) {
    return new OperationId(Objects.requireNonNull(site), false);
  }

  /** The id of the operations the site started before its newest one. */
  OperationId older() {
    return older ? this : new OperationId(site, true);
  }

  Object site() {
    return site;
  }

  @Override
  public boolean equals(Object other) {
    // Trees and symbols are compared by identity: two sites are the same only if they are one.
    return other instanceof OperationId id && id.site == site && id.older == older;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(site) * 2 + (older ? 1 : 0);
  }

  @Override
  public String toString() {
    return (older ? "older-op@" : "op@") + Integer.toHexString(System.identityHashCode(site));
  }
}
