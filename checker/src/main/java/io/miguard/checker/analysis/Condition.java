package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A boolean formula over result facts: the meaning of a boolean value the analysis follows (a
 * condition, a flag stored in a local, a helper predicate's result). A branch on it learns, on each
 * edge, what the formula proves there: the false edge of {@code r.moreResults()} drains, the true
 * edge of {@code op.isDrained()} drains, the false edge of {@code r.instance() != null ||
 * r.moreResults()} drains, the false edge of {@code r.moreResults() && n < max} does not.
 *
 * <p>What an edge proves is computed as the alternatives of the formula under that edge's value
 * (one per way Java evaluates it to that value, short circuits included): each alternative is the
 * set of facts read on that way, with their values, and the store after the edge is the join of the
 * store with each alternative applied. Formulas are kept small: a formula larger than {@link
 * #MAX_SIZE} is {@link Unknown}.
 */
sealed interface Condition {
  /** Formulas larger than this are not followed (loops that build a flag from itself). */
  int MAX_SIZE = 24;

  /** Alternatives beyond this are summarised by the facts they all share. */
  int MAX_ALTERNATIVES = 16;

  /** What a fact says about an operation. */
  enum FactKind {
    /**
     * {@code r.moreResults()} of a result of the operations: false drains them; true says more
     * results follow (for a single operation).
     */
    MORE_RESULTS,
    /** {@code it.hasNext()} of an iteration over their results: false drains them. */
    HAS_NEXT,
    /** A {@code @ReportsDrained} query of the operations: true drains them. */
    DRAINED
  }

  /** An atom: a fact about the operations a value may refer to. */
  record Fact(FactKind kind, ImmutableSet<OperationId> operations) implements Condition {}

  /** A boolean literal. */
  record Constant(boolean value) implements Condition {}

  /** Nothing the analysis follows ({@code n < max}, {@code r.instance() != null}). */
  record Unknown() implements Condition {}

  /** Negation. */
  record Not(Condition operand) implements Condition {}

  /** Conjunction ({@code &&} and {@code &}). */
  record And(Condition left, Condition right) implements Condition {}

  /** Disjunction ({@code ||} and {@code |}). */
  record Or(Condition left, Condition right) implements Condition {}

  /** {@code condition ? then : otherwise}: on each path, one of the two, as the condition says. */
  record Choice(Condition condition, Condition then, Condition otherwise) implements Condition {}

  /**
   * The value of a local that paths with different values join at: one of the alternatives, each on
   * the paths that assigned it. A test of it proves on an edge only what the alternatives prove
   * each on their own.
   */
  record Either(ImmutableSet<Condition> alternatives) implements Condition {}

  /** A fact and the value the edge proves it has. */
  record Literal(Fact fact, boolean value) {}

  Condition TRUE = new Constant(true);
  Condition FALSE = new Constant(false);
  Condition UNKNOWN = new Unknown();

  // ---- construction (folds constants and unknowns) ----

  static Condition fact(FactKind kind, Set<OperationId> operations) {
    return operations.isEmpty() ? UNKNOWN : new Fact(kind, ImmutableSet.copyOf(operations));
  }

  static Condition not(Condition operand) {
    if (operand instanceof Constant c) {
      return c.value() ? FALSE : TRUE;
    }
    if (operand instanceof Unknown) {
      return operand;
    }
    if (operand instanceof Not n) {
      return n.operand();
    }
    return new Not(operand);
  }

  static Condition and(Condition left, Condition right) {
    if (left.equals(FALSE) || right.equals(FALSE)) {
      return FALSE;
    }
    if (left.equals(TRUE)) {
      return right;
    }
    if (right.equals(TRUE) || left.equals(right)) {
      return left;
    }
    if (left instanceof Unknown && right instanceof Unknown) {
      return UNKNOWN;
    }
    return bounded(new And(left, right));
  }

  static Condition or(Condition left, Condition right) {
    if (left.equals(TRUE) || right.equals(TRUE)) {
      return TRUE;
    }
    if (left.equals(FALSE)) {
      return right;
    }
    if (right.equals(FALSE) || left.equals(right)) {
      return left;
    }
    if (left instanceof Unknown && right instanceof Unknown) {
      return UNKNOWN;
    }
    return bounded(new Or(left, right));
  }

  /** {@code condition ? then : otherwise}. */
  static Condition choice(Condition condition, Condition then, Condition otherwise) {
    if (condition.equals(TRUE) || then.equals(otherwise)) {
      return then;
    }
    if (condition.equals(FALSE)) {
      return otherwise;
    }
    if (!condition.hasFacts()) {
      // Which operand is taken is not known: one of the two on each path.
      return either(then, otherwise);
    }
    return bounded(new Choice(condition, then, otherwise));
  }

  /** {@code left == right} on booleans. */
  static Condition same(Condition left, Condition right) {
    return choice(left, right, not(right));
  }

  /** The value of a local where paths that hold {@code a} and {@code b} join. */
  static Condition either(Condition a, Condition b) {
    if (a.equals(b)) {
      return a;
    }
    Set<Condition> alternatives = new LinkedHashSet<>();
    for (Condition side : List.of(a, b)) {
      if (side instanceof Unknown) {
        return UNKNOWN; // an alternative that proves nothing: the join proves nothing
      }
      if (side instanceof Either either) {
        alternatives.addAll(either.alternatives());
      } else {
        alternatives.add(side);
      }
    }
    if (alternatives.size() > MAX_ALTERNATIVES) {
      return UNKNOWN;
    }
    return bounded(new Either(ImmutableSet.copyOf(alternatives)));
  }

  private static Condition bounded(Condition condition) {
    return condition.size() > MAX_SIZE ? UNKNOWN : condition;
  }

  // ---- reading ----

  /** The number of nodes of the formula. */
  default int size() {
    if (this instanceof Not n) {
      return 1 + n.operand().size();
    }
    if (this instanceof And a) {
      return 1 + a.left().size() + a.right().size();
    }
    if (this instanceof Or o) {
      return 1 + o.left().size() + o.right().size();
    }
    if (this instanceof Either e) {
      return 1 + e.alternatives().stream().mapToInt(Condition::size).sum();
    }
    if (this instanceof Choice c) {
      return 1 + c.condition().size() + c.then().size() + c.otherwise().size();
    }
    return 1;
  }

  /** Whether the formula mentions a fact (else no edge of it proves anything). */
  default boolean hasFacts() {
    return !operations().isEmpty();
  }

  /** The operations the facts of the formula are about. */
  default Set<OperationId> operations() {
    Set<OperationId> result = new HashSet<>();
    for (Fact fact : facts()) {
      result.addAll(fact.operations());
    }
    return result;
  }

  /** The facts of the formula. */
  default List<Fact> facts() {
    List<Fact> result = new ArrayList<>();
    collectFacts(this, result);
    return result;
  }

  private static void collectFacts(Condition condition, List<Fact> into) {
    if (condition instanceof Fact f) {
      into.add(f);
    } else if (condition instanceof Not n) {
      collectFacts(n.operand(), into);
    } else if (condition instanceof And a) {
      collectFacts(a.left(), into);
      collectFacts(a.right(), into);
    } else if (condition instanceof Or o) {
      collectFacts(o.left(), into);
      collectFacts(o.right(), into);
    } else if (condition instanceof Either e) {
      e.alternatives().forEach(c -> collectFacts(c, into));
    } else if (condition instanceof Choice c) {
      collectFacts(c.condition(), into);
      collectFacts(c.then(), into);
      collectFacts(c.otherwise(), into);
    }
  }

  /** The formula with each fact's operations renamed by {@code rename}. */
  default Condition renamed(UnaryOperator<ImmutableSet<OperationId>> rename) {
    if (this instanceof Fact f) {
      ImmutableSet<OperationId> renamed = rename.apply(f.operations());
      return renamed.equals(f.operations()) ? this : new Fact(f.kind(), renamed);
    }
    if (this instanceof Not n) {
      return new Not(n.operand().renamed(rename));
    }
    if (this instanceof And a) {
      return new And(a.left().renamed(rename), a.right().renamed(rename));
    }
    if (this instanceof Or o) {
      return new Or(o.left().renamed(rename), o.right().renamed(rename));
    }
    if (this instanceof Either e) {
      return new Either(
          e.alternatives().stream()
              .map(c -> c.renamed(rename))
              .collect(ImmutableSet.toImmutableSet()));
    }
    if (this instanceof Choice c) {
      return new Choice(
          c.condition().renamed(rename), c.then().renamed(rename), c.otherwise().renamed(rename));
    }
    return this;
  }

  /**
   * The alternatives of the formula when it has {@code value}: one per way of evaluating it to that
   * value, with Java's short circuit, each the set of facts read on that way with the value they
   * had (empty: no way; one empty set: nothing is read). A fact that is read but does not decide
   * the value is in the set too: on {@code r.moreResults() && n < max} being false, the way through
   * {@code n >= max} read {@code moreResults()} true, and more results follow there. ({@code &} and
   * {@code |} are read as {@code &&} and {@code ||}: what their right operand reads where the left
   * one decided the value is not learnt.)
   */
  default List<Set<Literal>> alternatives(boolean value) {
    List<Set<Literal>> result;
    if (this instanceof Fact f) {
      result = List.of(Set.of(new Literal(f, value)));
    } else if (this instanceof Constant c) {
      result = c.value() == value ? List.of(Set.of()) : List.of();
    } else if (this instanceof Not n) {
      result = n.operand().alternatives(!value);
    } else if (this instanceof And a) {
      // Java's short circuit: the right operand is read only where the left one is true.
      result =
          value
              ? product(a.left().alternatives(true), a.right().alternatives(true))
              : union(
                  a.left().alternatives(false),
                  product(a.left().alternatives(true), a.right().alternatives(false)));
    } else if (this instanceof Or o) {
      result =
          value
              ? union(
                  o.left().alternatives(true),
                  product(o.left().alternatives(false), o.right().alternatives(true)))
              : product(o.left().alternatives(false), o.right().alternatives(false));
    } else if (this instanceof Either e) {
      result = new ArrayList<>();
      for (Condition alternative : e.alternatives()) {
        result = union(result, alternative.alternatives(value));
      }
    } else if (this instanceof Choice c) {
      result =
          union(
              product(c.condition().alternatives(true), c.then().alternatives(value)),
              product(c.condition().alternatives(false), c.otherwise().alternatives(value)));
    } else {
      result = List.of(Set.of()); // Unknown
    }
    return result.size() > MAX_ALTERNATIVES ? List.of(shared(result)) : result;
  }

  private static List<Set<Literal>> union(List<Set<Literal>> a, List<Set<Literal>> b) {
    Set<Set<Literal>> result = new LinkedHashSet<>(a);
    result.addAll(b);
    return new ArrayList<>(result);
  }

  private static List<Set<Literal>> product(List<Set<Literal>> a, List<Set<Literal>> b) {
    Set<Set<Literal>> result = new LinkedHashSet<>();
    for (Set<Literal> x : a) {
      for (Set<Literal> y : b) {
        Set<Literal> both = new LinkedHashSet<>(x);
        both.addAll(y);
        result.add(both);
      }
    }
    return new ArrayList<>(result);
  }

  /** The facts every alternative has: what holds on all their paths. */
  private static Set<Literal> shared(List<Set<Literal>> alternatives) {
    Set<Literal> result = new LinkedHashSet<>(alternatives.get(0));
    for (Set<Literal> alternative : alternatives) {
      result.retainAll(alternative);
    }
    return result;
  }
}
