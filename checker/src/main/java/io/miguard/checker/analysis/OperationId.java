package io.miguard.checker.analysis;

import java.util.Objects;

/**
 * The identity of an abstract operation: its allocation site. For an operation started in the body,
 * the start call's tree; for a parameter, the parameter's symbol; for a value the analysis cannot
 * trace (a field, an unknown method's result), the field's symbol or the expression's tree. An
 * operation captured from an enclosing body keeps the id it has there.
 */
final class OperationId {
  private final Object site;

  private OperationId(Object site) {
    this.site = site;
  }

  /** The id of the operation allocated at {@code site} (a tree or a symbol). */
  static OperationId of(Object site) {
    return new OperationId(Objects.requireNonNull(site));
  }

  Object site() {
    return site;
  }

  @Override
  public boolean equals(Object other) {
    // Trees and symbols are compared by identity: two sites are the same only if they are one.
    return other instanceof OperationId id && id.site == site;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(site);
  }

  @Override
  public String toString() {
    return "op@" + Integer.toHexString(hashCode());
  }
}
