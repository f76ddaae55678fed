package io.miguard.mi.embedded;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiException;
import io.miguard.mi.MiResult;
import io.miguard.mi.embedded.wql.Condition;
import io.miguard.mi.embedded.wql.ConditionEvaluator;
import io.miguard.mi.embedded.wql.Operand;
import io.miguard.mi.embedded.wql.WqlParser;
import io.miguard.mi.embedded.wql.WqlQuery;
import io.miguard.mi.embedded.wql.WqlSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Parses a WQL query and checks it against a namespace.
 *
 * <p>Results: QUERY_LANGUAGE_NOT_SUPPORTED for a dialect other than {@code WQL} (any case);
 * INVALID_QUERY for a syntax error, or a property the FROM class does not have (in the select list
 * or as the first name of a path in WHERE), with the 1-based position in the message; INVALID_CLASS
 * for a FROM or ISA class that does not exist, or for a subscription to a class that is not an
 * event class. Names after the first in a path ({@code TargetInstance.Name}) are not checked: they
 * are properties of embedded instances, of whatever class. TYPE_MISMATCH for a comparison whose
 * sides cannot have comparable values ({@code ProcessId = 'abc'}, {@code Name = 5}); see {@link
 * #checkTypes}.
 */
final class QueryCompiler {
  private final CimRepository repository;

  QueryCompiler(CimRepository repository) {
    this.repository = repository;
  }

  /** Compiles a data query (QUERY_INSTANCES). */
  CompiledQuery compileQuery(String namespace, @Nullable String dialect, @Nullable String text) {
    return compile(namespace, dialect, text, false);
  }

  /** Compiles an event query (SUBSCRIBE): its FROM class must be an event class. */
  CompiledQuery compileSubscription(
      String namespace, @Nullable String dialect, @Nullable String text) {
    return compile(namespace, dialect, text, true);
  }

  private CompiledQuery compile(
      String namespace, @Nullable String dialect, @Nullable String text, boolean event) {
    if (dialect == null || !dialect.equalsIgnoreCase("WQL")) {
      throw new MiException(
          MiResult.QUERY_LANGUAGE_NOT_SUPPORTED,
          "query dialect " + dialect + " is not supported; use WQL");
    }
    WqlQuery query;
    try {
      query = WqlParser.parse(text);
    } catch (WqlSyntaxException e) {
      throw new MiException(MiResult.INVALID_QUERY, "invalid query: " + e.getMessage());
    }
    return repository.read(namespace, data -> check(data, query, event));
  }

  private CompiledQuery check(NamespaceData data, WqlQuery query, boolean event) {
    ClassDef from = data.classDef(query.className());
    if (from == null) {
      throw new MiException(
          MiResult.INVALID_CLASS,
          "class "
              + query.className()
              + " does not exist in "
              + data.name()
              + " at position "
              + query.classPosition());
    }
    if (event && !from.isA(SystemClasses.EVENT)) {
      throw new MiException(
          MiResult.INVALID_CLASS,
          query.className()
              + " is not an event class (subscribe to __InstanceCreationEvent,"
              + " __InstanceDeletionEvent, __InstanceModificationEvent or"
              + " __InstanceOperationEvent) at position "
              + query.classPosition());
    }
    query
        .selected()
        .ifPresent(
            names -> names.forEach(name -> checkProperty(from, name.name(), name.position())));
    query.where().ifPresent(where -> checkCondition(data, from, where));
    return new CompiledQuery(data.name(), from.name(), query, repository);
  }

  private void checkCondition(NamespaceData data, ClassDef from, Condition condition) {
    if (condition instanceof Condition.And and) {
      checkCondition(data, from, and.left());
      checkCondition(data, from, and.right());
    } else if (condition instanceof Condition.Or or) {
      checkCondition(data, from, or.left());
      checkCondition(data, from, or.right());
    } else if (condition instanceof Condition.Not not) {
      checkCondition(data, from, not.operand());
    } else if (condition instanceof Condition.Comparison comparison) {
      checkOperand(from, comparison.left());
      checkOperand(from, comparison.right());
      checkTypes(from, comparison);
    } else if (condition instanceof Condition.NullTest test) {
      checkOperand(from, test.operand());
    } else if (condition instanceof Condition.Like like) {
      checkOperand(from, like.operand());
    } else if (condition instanceof Condition.Isa isa) {
      checkOperand(from, isa.operand());
      if (data.classDef(isa.className()) == null) {
        throw new MiException(
            MiResult.INVALID_CLASS,
            "class "
                + isa.className()
                + " after ISA does not exist in "
                + data.name()
                + " at position "
                + isa.classPosition());
      }
    }
  }

  private static void checkOperand(ClassDef from, Operand operand) {
    if (operand instanceof Operand.PropertyPath path) {
      String head = path.head();
      if (!head.equalsIgnoreCase(ConditionEvaluator.THIS)
          && !head.equalsIgnoreCase(ConditionEvaluator.CLASS)) {
        checkProperty(from, head, path.position());
      }
    }
  }

  /**
   * Refuses a comparison whose sides cannot have comparable values, as MI does (TYPE_MISMATCH): a
   * numeric property against a string that is not a number or against a boolean, a string property
   * against a number or a boolean, a boolean property against a number or a string other than
   * TRUE/FALSE, and two properties of different kinds. A numeric string against a number is
   * accepted (WMI converts it). Paths into embedded instances, arrays, objects and references are
   * not checked; comparisons with NULL are null tests.
   */
  private static void checkTypes(ClassDef from, Condition.Comparison comparison) {
    Typed left = typed(from, comparison.left());
    Typed right = typed(from, comparison.right());
    if (left == null || right == null || left.literal() && right.literal()) {
      return;
    }
    if (left.literal()) {
      Typed swap = left;
      left = right;
      right = swap;
    }
    if (right.literal() ? fits(left.kind(), right.value()) : left.kind() == right.kind()) {
      return;
    }
    throw new MiException(
        MiResult.TYPE_MISMATCH,
        "type mismatch in the query at position "
            + comparison.left().position()
            + ": "
            + left.description()
            + " is compared with "
            + right.description()
            + "; compare it with "
            + switch (left.kind()) {
              case NUMBER -> "a number";
              case TEXT -> "a string";
              case BOOLEAN -> "TRUE or FALSE";
              case UNCHECKED -> "a value of its type";
            });
  }

  /**
   * One side of a comparison whose type is known: a property of the FROM class (or {@code
   * __CLASS}), or a literal.
   */
  private record Typed(
      CimTypes.ComparedAs kind, @Nullable Object value, boolean literal, String description) {}

  private static @Nullable Typed typed(ClassDef from, Operand operand) {
    if (operand instanceof Operand.Literal literal) {
      Object value = literal.value();
      if (value == null) {
        return null;
      }
      CimTypes.ComparedAs kind =
          value instanceof Number
              ? CimTypes.ComparedAs.NUMBER
              : value instanceof Boolean ? CimTypes.ComparedAs.BOOLEAN : CimTypes.ComparedAs.TEXT;
      String type =
          value instanceof String
              ? "a string"
              : value instanceof Boolean
                  ? "a boolean"
                  : value instanceof Long ? "an integer" : "a real number";
      return new Typed(kind, value, true, type + " " + literal);
    }
    Operand.PropertyPath path = (Operand.PropertyPath) operand;
    if (path.segments().size() != 1 || path.head().equalsIgnoreCase(ConditionEvaluator.THIS)) {
      return null;
    }
    if (path.head().equalsIgnoreCase(ConditionEvaluator.CLASS)) {
      return new Typed(CimTypes.ComparedAs.TEXT, null, false, "__CLASS (a string)");
    }
    MiClass.Property property = from.property(path.head());
    if (property == null) {
      return null; // checkOperand refused it already
    }
    CimTypes.ComparedAs kind = CimTypes.comparedAs(property.type());
    if (kind == CimTypes.ComparedAs.UNCHECKED) {
      return null;
    }
    return new Typed(
        kind,
        null,
        false,
        "property " + property.name() + " of " + from.name() + " (" + property.type() + ")");
  }

  /** Whether a literal value can be compared with a property of the given kind. */
  private static boolean fits(CimTypes.ComparedAs kind, @Nullable Object value) {
    return switch (kind) {
      case NUMBER -> value instanceof Number || value instanceof String text && isNumber(text);
      case TEXT -> value instanceof String;
      case BOOLEAN ->
          value instanceof Boolean
              || value instanceof String text
                  && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"));
      case UNCHECKED -> true;
    };
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text.trim());
      return !text.isBlank();
    } catch (NumberFormatException notANumber) {
      return false;
    }
  }

  private static void checkProperty(ClassDef from, String name, int position) {
    if (from.property(name) == null) {
      throw new MiException(
          MiResult.INVALID_QUERY,
          "invalid query: class "
              + from.name()
              + " has no property "
              + name
              + " at position "
              + position);
    }
  }
}
