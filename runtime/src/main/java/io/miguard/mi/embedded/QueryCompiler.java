package io.miguard.mi.embedded;

import io.miguard.mi.MiException;
import io.miguard.mi.MiResult;
import io.miguard.mi.embedded.wql.Condition;
import io.miguard.mi.embedded.wql.ConditionEvaluator;
import io.miguard.mi.embedded.wql.Operand;
import io.miguard.mi.embedded.wql.WqlParser;
import io.miguard.mi.embedded.wql.WqlQuery;
import io.miguard.mi.embedded.wql.WqlSyntaxException;

/**
 * Parses a WQL query and checks it against a namespace.
 *
 * <p>Results: QUERY_LANGUAGE_NOT_SUPPORTED for a dialect other than {@code WQL} (any case);
 * INVALID_QUERY for a syntax error, or a property the FROM class does not have (in the select list
 * or as the first name of a path in WHERE), with the 1-based position in the message; INVALID_CLASS
 * for a FROM or ISA class that does not exist, or for a subscription to a class that is not an
 * event class. Names after the first in a path ({@code TargetInstance.Name}) are not checked: they
 * are properties of embedded instances, of whatever class.
 */
final class QueryCompiler {
  private final CimRepository repository;

  QueryCompiler(CimRepository repository) {
    this.repository = repository;
  }

  /** Compiles a data query (QUERY_INSTANCES). */
  CompiledQuery compileQuery(String namespace, String dialect, String text) {
    return compile(namespace, dialect, text, false);
  }

  /** Compiles an event query (SUBSCRIBE): its FROM class must be an event class. */
  CompiledQuery compileSubscription(String namespace, String dialect, String text) {
    return compile(namespace, dialect, text, true);
  }

  private CompiledQuery compile(String namespace, String dialect, String text, boolean event) {
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
