package io.miguard.mi.embedded.wql;

/** A WQL {@code WHERE} condition, as the parser builds it. */
public sealed interface Condition
    permits Condition.And,
        Condition.Or,
        Condition.Not,
        Condition.Comparison,
        Condition.NullTest,
        Condition.Like,
        Condition.Isa {

  /** {@code left AND right}. */
  record And(Condition left, Condition right) implements Condition {
    @Override
    public String toString() {
      return "(" + left + " AND " + right + ")";
    }
  }

  /** {@code left OR right}. */
  record Or(Condition left, Condition right) implements Condition {
    @Override
    public String toString() {
      return "(" + left + " OR " + right + ")";
    }
  }

  /** {@code NOT operand}. */
  record Not(Condition operand) implements Condition {
    @Override
    public String toString() {
      return "(NOT " + operand + ")";
    }
  }

  /**
   * {@code left op right}. Comparing with the literal {@code NULL} by {@code =} or {@code <>} tests
   * for null, like {@code IS [NOT] NULL}.
   */
  record Comparison(Operand left, ComparisonOperator operator, Operand right) implements Condition {
    @Override
    public String toString() {
      return "(" + left + " " + operator + " " + right + ")";
    }
  }

  /** {@code operand IS NULL}, or {@code IS NOT NULL} when {@code negated}. */
  record NullTest(Operand operand, boolean negated) implements Condition {
    @Override
    public String toString() {
      return "(" + operand + (negated ? " IS NOT NULL)" : " IS NULL)");
    }
  }

  /** {@code operand LIKE 'pattern'}, or {@code NOT LIKE} when {@code negated}. */
  record Like(Operand operand, LikePattern pattern, boolean negated) implements Condition {
    @Override
    public String toString() {
      return "(" + operand + (negated ? " NOT LIKE " : " LIKE ") + pattern + ")";
    }
  }

  /**
   * {@code operand ISA 'Class'}: the operand is an instance (an embedded one such as {@code
   * TargetInstance}, or {@code __this}) of the class or one of its subclasses.
   *
   * @param classPosition the 1-based position of the class name, for error messages
   */
  record Isa(Operand operand, String className, int classPosition) implements Condition {
    @Override
    public String toString() {
      return "(" + operand + " ISA '" + className + "')";
    }
  }
}
