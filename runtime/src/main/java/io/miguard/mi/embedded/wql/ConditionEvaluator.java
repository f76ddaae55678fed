package io.miguard.mi.embedded.wql;

import io.miguard.mi.MiInstance;
import io.miguard.mi.embedded.wql.Operand.Literal;
import io.miguard.mi.embedded.wql.Operand.PropertyPath;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an instance satisfies a WQL condition, with SQL's three-valued logic: a
 * comparison involving a null (absent) value, or values that cannot be compared, is unknown; NOT
 * unknown is unknown; an instance is selected only when the condition is true.
 *
 * <p>Comparisons: numbers by value; strings ignoring case; booleans (false before true); a string
 * and a number by reading the string as a number; {@code = NULL} and {@code <> NULL} test for null.
 * {@code LIKE} applies to the text of strings, numbers and booleans.
 */
public final class ConditionEvaluator {
  /** The name that stands for the instance itself. */
  public static final String THIS = "__this";

  /** The name that stands for the instance's class name. */
  public static final String CLASS = "__CLASS";

  private final ClassHierarchy hierarchy;

  public ConditionEvaluator(ClassHierarchy hierarchy) {
    this.hierarchy = hierarchy;
  }

  /** Whether {@code instance} satisfies {@code condition} (unknown counts as no). */
  public boolean matches(Condition condition, MiInstance instance) {
    return Boolean.TRUE.equals(evaluate(condition, instance));
  }

  /** The three-valued truth of {@code condition}: TRUE, FALSE, or null for unknown. */
  public @Nullable Boolean evaluate(Condition condition, MiInstance instance) {
    if (condition instanceof Condition.And and) {
      Boolean left = evaluate(and.left(), instance);
      if (Boolean.FALSE.equals(left)) {
        return false;
      }
      Boolean right = evaluate(and.right(), instance);
      if (Boolean.FALSE.equals(right)) {
        return false;
      }
      return left == null || right == null ? null : true;
    }
    if (condition instanceof Condition.Or or) {
      Boolean left = evaluate(or.left(), instance);
      if (Boolean.TRUE.equals(left)) {
        return true;
      }
      Boolean right = evaluate(or.right(), instance);
      if (Boolean.TRUE.equals(right)) {
        return true;
      }
      return left == null || right == null ? null : false;
    }
    if (condition instanceof Condition.Not not) {
      Boolean operand = evaluate(not.operand(), instance);
      return operand == null ? null : !operand;
    }
    if (condition instanceof Condition.NullTest test) {
      return (value(test.operand(), instance) == null) != test.negated();
    }
    if (condition instanceof Condition.Like like) {
      Object value = value(like.operand(), instance);
      if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
        return null;
      }
      return like.pattern().matches(value.toString()) != like.negated();
    }
    if (condition instanceof Condition.Isa isa) {
      Object value = value(isa.operand(), instance);
      if (value instanceof MiInstance target) {
        return hierarchy.isA(target.className(), isa.className());
      }
      return value == null ? null : false;
    }
    return compare((Condition.Comparison) condition, instance);
  }

  private @Nullable Boolean compare(Condition.Comparison comparison, MiInstance instance) {
    ComparisonOperator operator = comparison.operator();
    boolean nullLiteral = isNullLiteral(comparison.left()) || isNullLiteral(comparison.right());
    Object left = value(comparison.left(), instance);
    Object right = value(comparison.right(), instance);
    if (nullLiteral
        && (operator == ComparisonOperator.EQUAL || operator == ComparisonOperator.NOT_EQUAL)) {
      Object other = isNullLiteral(comparison.left()) ? right : left;
      return (other == null) == (operator == ComparisonOperator.EQUAL);
    }
    if (left == null || right == null) {
      return null;
    }
    Integer order = order(left, right);
    return order == null ? null : operator.holds(order);
  }

  private static boolean isNullLiteral(Operand operand) {
    return operand instanceof Literal literal && literal.value() == null;
  }

  /** The order of two non-null values, or null when they cannot be compared. */
  static @Nullable Integer order(Object left, Object right) {
    if (left instanceof Number a && right instanceof Number b) {
      return compareNumbers(a, b);
    }
    if (left instanceof String a && right instanceof String b) {
      return Integer.signum(a.compareToIgnoreCase(b));
    }
    if (left instanceof Boolean a && right instanceof Boolean b) {
      return Boolean.compare(a, b);
    }
    if (left instanceof Number a && right instanceof String b) {
      Number parsed = parseNumber(b);
      return parsed == null ? null : compareNumbers(a, parsed);
    }
    if (left instanceof String a && right instanceof Number b) {
      Number parsed = parseNumber(a);
      return parsed == null ? null : compareNumbers(parsed, b);
    }
    if (left instanceof Boolean a && right instanceof String b) {
      Boolean parsed = parseBoolean(b);
      return parsed == null ? null : Boolean.compare(a, parsed);
    }
    if (left instanceof String a && right instanceof Boolean b) {
      Boolean parsed = parseBoolean(a);
      return parsed == null ? null : Boolean.compare(parsed, b);
    }
    return null;
  }

  private static int compareNumbers(Number a, Number b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    return Integer.signum(Double.compare(a.doubleValue(), b.doubleValue()));
  }

  private static @Nullable Number parseNumber(String text) {
    String trimmed = text.trim();
    try {
      return Long.parseLong(trimmed);
    } catch (NumberFormatException notAnInteger) {
      try {
        return Double.parseDouble(trimmed);
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
  }

  private static @Nullable Boolean parseBoolean(String text) {
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equalsIgnoreCase("false")) {
      return false;
    }
    return null;
  }

  /** The value of an operand for {@code instance}: a literal's value or the property's. */
  static @Nullable Object value(Operand operand, MiInstance instance) {
    if (operand instanceof Literal literal) {
      return literal.value();
    }
    Object current = instance;
    for (String segment : ((PropertyPath) operand).segments()) {
      if (!(current instanceof MiInstance holder)) {
        return null;
      }
      current = property(holder, segment);
    }
    return current;
  }

  /**
   * A property by name ignoring case, or one of the special names {@code __CLASS}, {@code __this}.
   */
  public static @Nullable Object property(MiInstance instance, String name) {
    if (name.equalsIgnoreCase(THIS)) {
      return instance;
    }
    if (name.equalsIgnoreCase(CLASS)) {
      return instance.className();
    }
    if (instance.has(name)) {
      return instance.get(name);
    }
    for (Map.Entry<String, Object> entry : instance.properties().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }
}
