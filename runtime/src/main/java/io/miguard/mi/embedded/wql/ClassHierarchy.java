package io.miguard.mi.embedded.wql;

/** What the evaluator needs to know about classes to decide {@code ISA}. */
@FunctionalInterface
public interface ClassHierarchy {
  /** Whether {@code className} is {@code ancestor} or one of its subclasses (names ignore case). */
  boolean isA(String className, String ancestor);

  /** A hierarchy that knows no inheritance: a class is only itself. */
  static ClassHierarchy flat() {
    return (className, ancestor) -> className.equalsIgnoreCase(ancestor);
  }
}
