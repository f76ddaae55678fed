package io.miguard.mi.embedded.wql;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One side of a WQL predicate: a property path or a literal. */
public sealed interface Operand permits Operand.PropertyPath, Operand.Literal {
  /** The 1-based position of the operand in the query. */
  int position();

  /**
   * A property, possibly reaching into embedded instances ({@code TargetInstance.Name}). Two names
   * are special: {@code __CLASS} is the instance's class name and {@code __this} the instance
   * itself (meaningful with {@code ISA}).
   *
   * @param segments the names separated by dots, as written
   */
  record PropertyPath(List<String> segments, int position) implements Operand {
    public PropertyPath {
      segments = List.copyOf(segments);
    }

    /** The first name, the property of the instance the query runs over. */
    public String head() {
      return segments.get(0);
    }

    @Override
    public String toString() {
      return String.join(".", segments);
    }
  }

  /**
   * A constant: {@link String}, {@link Long}, {@link Double}, {@link Boolean}, or {@code null} for
   * {@code NULL}.
   */
  record Literal(@Nullable Object value, int position) implements Operand {
    @Override
    public String toString() {
      return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
  }
}
