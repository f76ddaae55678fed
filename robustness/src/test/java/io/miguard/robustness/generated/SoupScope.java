package io.miguard.robustness.generated;

import java.util.ArrayList;
import java.util.List;

/**
 * What a statement of the construct soup may use: the operation handles in scope (all effectively
 * final, so any lambda or class may capture them), the jumps that stay inside the enclosing loops,
 * switches and body, and how the body returns.
 */
final class SoupScope {
  /** How the innermost body returns: {@code return;}, {@code return 0;}, or not at all. */
  enum Returns {
    VOID,
    VALUE,
    NONE
  }

  final List<String> ops;
  final List<String> labels;
  final boolean breakable;
  final boolean continuable;
  final Returns returns;
  final int depth;

  private SoupScope(
      List<String> ops,
      List<String> labels,
      boolean breakable,
      boolean continuable,
      Returns returns,
      int depth) {
    this.ops = ops;
    this.labels = labels;
    this.breakable = breakable;
    this.continuable = continuable;
    this.returns = returns;
    this.depth = depth;
  }

  /** The top of a body that returns {@code returns}. */
  static SoupScope body(Returns returns) {
    return new SoupScope(new ArrayList<>(), List.of(), false, false, returns, 0);
  }

  /** A nested block: its own declarations, the same jumps. */
  SoupScope block() {
    return new SoupScope(new ArrayList<>(ops), labels, breakable, continuable, returns, depth + 1);
  }

  /** The body of a loop, labelled {@code label} (or null). */
  SoupScope loop(String label) {
    List<String> inner = new ArrayList<>(labels);
    if (label != null) {
      inner.add(label);
    }
    return new SoupScope(new ArrayList<>(ops), inner, true, true, returns, depth + 1);
  }

  /** A case of a switch statement: an unlabelled break ends the switch. */
  SoupScope switchCase() {
    return new SoupScope(new ArrayList<>(ops), labels, true, continuable, returns, depth + 1);
  }

  /** A nested body (lambda, class member, switch-expression case): no jump leaves it. */
  SoupScope nestedBody(Returns nestedReturns) {
    return new SoupScope(new ArrayList<>(ops), List.of(), false, false, nestedReturns, depth + 1);
  }

  /** The jumps a guard may make here. */
  List<String> jumps() {
    List<String> jumps = new ArrayList<>();
    if (breakable) {
      jumps.add("break;");
    }
    if (continuable) {
      jumps.add("continue;");
    }
    for (String label : labels) {
      jumps.add("break " + label + ";");
      jumps.add("continue " + label + ";");
    }
    switch (returns) {
      case VOID -> jumps.add("return;");
      case VALUE -> jumps.add("return 0;");
      case NONE -> {}
    }
    return jumps;
  }
}
