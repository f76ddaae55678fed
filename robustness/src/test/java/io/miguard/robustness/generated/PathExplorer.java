package io.miguard.robustness.generated;

import io.miguard.robustness.generated.Binding.Ident;
import io.miguard.robustness.generated.Binding.OpKind;
import io.miguard.robustness.generated.Binding.Synchrony;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ground truth of one method of the ground-truth language, found by following every path.
 *
 * <p>A path's state holds, for each operation, whether it is drained by the rules of a multi-result
 * operation (only {@code moreResults() == false} or a drain), by those of a single-result one (a
 * retrieval, until {@code moreResults()} is seen true), and whether it escaped (was captured by a
 * lambda or method reference, stored in a field, handed to a method the checks know nothing about).
 * The set of states reaching each point is computed exactly: loops iterate until the set is stable
 * (the state space is finite). The security context is the same on every path to a point (the
 * generator keeps jumps out of explicit impersonations), so it is followed along the tree.
 *
 * <p>What is reported, from the spec (checks.md, the bug-pattern pages):
 *
 * <ul>
 *   <li>MiCloseBeforeDrain at a close of a synchronous operation that some path reaches undrained
 *       (by its result count's rule), unless it escaped on a path reaching the close, or the close
 *       is in code that captured the operation and does not run during the call it is passed to
 *       (only {@code runAs} code does). The paths are those the analysis joins: all paths to an
 *       explicit close, and to the implicit close of a try-with-resources those that leave its body
 *       the same way (its end, a return, a jump to one target): the control-flow graph has a copy
 *       of the close for each;
 *   <li>MiCloseInDifferentContext at a close whose identity (the innermost impersonation or {@code
 *       runAs}, none for the method's entry and for another thread) differs from the one the
 *       operation was started as; the method's entry and another thread are both "no identity" and
 *       not told apart.
 * </ul>
 *
 * <p>A drain loop's condition formula is evaluated for both values of {@code moreResults()} and of
 * the opaque call, with short circuit: where it read {@code moreResults()}, false drains and true
 * is the "more results" edge; where it did not, nothing is learnt. A {@link Stmt.TryCatch} handler
 * is entered from the states at its thrower where the rule follows that edge, and from the states
 * at each binding call of the try block when it is a catch-all (the binding declares MiException).
 * Code that runs later ({@link Stmt.LaterBlock}) has a context of its own and does not judge the
 * context of operations started outside it; a run-as body that returns the operation it started
 * makes the operation remember that identity.
 *
 * <p>Where the truth is not exact the method is marked unknown: a "more results" edge taken by
 * paths of which some had drained the operation and some had not (a retrieval after the final
 * result, which MI refuses; the checks, which join paths, then judge all of them undrained).
 */
final class PathExplorer {
  private static final int MULTI = 1;
  private static final int SINGLE = 2;
  private static final int ESCAPED = 4;
  private static final String RETURN = "r";

  /** What the explorer knows of an operation from its start. */
  private record Info(OpKind kind, Synchrony synchrony, Ident startedAs, int body) {}

  /** The states leaving a statement normally, and by each jump target. */
  private record Flow(Set<Integer> normal, Map<String, Set<Integer>> jumps) {}

  private final Map<Stmt, Integer> closeLines;
  private final String file;
  private final Map<Integer, Info> infos = new HashMap<>();

  /** The states reaching each judged close, by line and by the exit they leave through. */
  private final Map<Integer, Map<String, Set<Integer>>> statesAtClose = new TreeMap<>();

  private final Map<Integer, Integer> operationAtClose = new HashMap<>();
  private final Set<String> expected = new TreeSet<>();
  private final Deque<Ident> context = new ArrayDeque<>();
  private final List<Boolean> bodiesInline = new ArrayList<>();
  private final List<Boolean> bodiesLater = new ArrayList<>(); // code that runs later

  private boolean unknown;

  private final Map<StatementRenderer.CloseKey, Integer> extraCloses;

  private PathExplorer(
      Map<Stmt, Integer> closeLines,
      Map<StatementRenderer.CloseKey, Integer> extraCloses,
      String file) {
    this.closeLines = closeLines;
    this.extraCloses = extraCloses;
    this.file = file;
  }

  /**
   * The findings ("Check File.java:line") the checks must report in a method whose body is {@code
   * body}, or null if the truth of that method is not exact.
   */
  static Set<String> expectedFindings(
      List<Stmt> body,
      Map<Stmt, Integer> closeLines,
      Map<StatementRenderer.CloseKey, Integer> extraCloses,
      String file) {
    PathExplorer explorer = new PathExplorer(closeLines, extraCloses, file);
    explorer.bodiesInline.add(true);
    explorer.bodiesLater.add(false);
    explorer.list(body, Set.of(0));
    return explorer.finish();
  }

  private Set<String> finish() {
    if (unknown) {
      return null;
    }
    for (Map.Entry<Integer, Map<String, Set<Integer>>> close : statesAtClose.entrySet()) {
      int op = operationAtClose.get(close.getKey());
      int drained = infos.get(op).kind().multiple ? MULTI : SINGLE;
      for (Set<Integer> states : close.getValue().values()) {
        boolean escaped = states.stream().anyMatch(s -> has(s, op, ESCAPED));
        boolean undrained = states.stream().anyMatch(s -> !has(s, op, drained));
        if (!escaped && undrained) {
          expected.add(GeneratedProgram.key("MiCloseBeforeDrain", file, close.getKey()));
        }
      }
    }
    return expected;
  }

  // ---- statements ----

  private Flow list(List<Stmt> statements, Set<Integer> in) {
    Set<Integer> current = in;
    Map<String, Set<Integer>> jumps = new HashMap<>();
    for (Stmt statement : statements) {
      Flow flow = statement(statement, current);
      flow.jumps().forEach((target, states) -> add(jumps, target, states));
      current = flow.normal();
    }
    return new Flow(current, jumps);
  }

  private Flow statement(Stmt statement, Set<Integer> in) {
    if (statement instanceof Stmt.Start start) {
      started(start.op(), start.kind(), start.synchrony());
      if (start.runAs() != null) {
        // Started inside a run-as body that returns it: it remembers that identity.
        Info info = infos.get(start.op());
        infos.put(start.op(), new Info(info.kind(), info.synchrony(), start.runAs(), info.body()));
      }
      return normal(map(in, s -> fresh(s, start.op())));
    } else if (statement instanceof Stmt.Resource resource) {
      return resource(resource, in);
    } else if (statement instanceof Stmt.FinallyClose guarded) {
      return closedInFinally(guarded, in);
    } else if (statement instanceof Stmt.Retrieve retrieve) {
      return normal(map(in, s -> set(s, retrieve.op(), SINGLE)));
    } else if (statement instanceof Stmt.Drain drain) {
      return normal(map(in, s -> set(s, drain.op(), MULTI | SINGLE)));
    } else if (statement instanceof Stmt.DrainLoop loop) {
      // A boolean local carrying moreResults() tested at the top (true at first) is a do-while.
      return loop.form() == Stmt.DrainLoop.Form.WHILE_TRUE
          ? whileTrue(loop, in)
          : doWhile(loop, in);
    } else if (statement instanceof Stmt.Switch cases) {
      return switchFlow(cases, in);
    } else if (statement instanceof Stmt.ForEach each) {
      return forEach(each, in);
    } else if (statement instanceof Stmt.Escape escape) {
      return normal(map(in, s -> set(s, escape.op(), ESCAPED)));
    } else if (statement instanceof Stmt.Cancel) {
      return normal(in);
    } else if (statement instanceof Stmt.Close close) {
      return close(close, in);
    } else if (statement instanceof Stmt.If branch) {
      return join(list(branch.then(), in), list(branch.otherwise(), in));
    } else if (statement instanceof Stmt.Loop loop) {
      return loop(loop, in);
    } else if (statement instanceof Stmt.Guarded guarded) {
      Map<String, Set<Integer>> jumps = new HashMap<>();
      add(jumps, target(guarded.jump()), in);
      return new Flow(in, jumps);
    } else if (statement instanceof Stmt.Impersonate impersonate) {
      context.push(impersonate.identity());
      Flow body = list(impersonate.body(), in);
      context.pop();
      return body;
    } else if (statement instanceof Stmt.Enter enter) {
      context.push(enter.identity());
      return normal(in);
    } else if (statement instanceof Stmt.Leave) {
      context.pop();
      return normal(in);
    } else if (statement instanceof Stmt.RunAs runAs) {
      return lambda(runAs.body(), runAs.identity(), true, false, in);
    } else if (statement instanceof Stmt.HopBlock hop) {
      return lambda(hop.body(), null, false, false, in);
    } else if (statement instanceof Stmt.LaterBlock later) {
      // Runs later, in a context of its own (as code handed to another thread), and does not
      // judge the context of operations started outside it.
      return lambda(later.body(), null, false, true, in);
    } else if (statement instanceof Stmt.TryCatch attempt) {
      return tryCatch(attempt, in);
    } else if (statement instanceof Stmt.CloseQuietly quietly) {
      // work.run()'s exceptions (unchecked, undeclared) leave the method: not followed.
      return list(quietly.body(), in);
    } else if (statement instanceof Stmt.Rolling rolling) {
      if (!in.isEmpty()) {
        if (!rolling.drainPrevious()) {
          expectExtra("MiCloseBeforeDrain", rolling, 0);
        }
        if (!rolling.drainCurrent()) {
          expectExtra("MiCloseBeforeDrain", rolling, 1);
        }
      }
      return normal(in);
    } else if (statement instanceof Stmt.FlagGuard guard) {
      // The close after the loop is drained; the guarded one runs undrained where the guard can
      // hold (the close of an operation never retrieved from: no path to it drains it).
      if (!in.isEmpty() && guard.guardReachable() && !guard.drained()) {
        expectExtra("MiCloseBeforeDrain", guard, 0);
      }
      return normal(in);
    } else if (statement instanceof Stmt.PerIteration each) {
      if (!in.isEmpty() && each.acrossIterations()) {
        expectExtra("MiCloseInDifferentContext", each, 0);
      }
      return normal(in);
    }
    throw new IllegalArgumentException("unknown statement " + statement);
  }

  private void expectExtra(String check, Stmt statement, int index) {
    expected.add(
        GeneratedProgram.key(
            check, file, extraCloses.get(new StatementRenderer.CloseKey(statement, index))));
  }

  /**
   * The try block, then the handler from the states where an exception it catches is thrown on an
   * edge the documented rule follows: at the thrower when {@link Stmt.Handler#follows} says so; at
   * each binding call of the block when the handler is a catch-all (the binding's methods declare
   * MiException, and a declared exception is followed into any handler that catches it; a failed
   * retrieval or drain leaves its operation drained).
   */
  private Flow tryCatch(Stmt.TryCatch attempt, Set<Integer> in) {
    Set<Integer> caught = new HashSet<>();
    boolean catchAll = attempt.handler().catchAll;
    Set<Integer> states = in;
    Map<String, Set<Integer>> jumps = new HashMap<>();
    for (List<Stmt> part : List.of(attempt.pre(), attempt.post())) {
      if (part == attempt.post() && attempt.handler().follows(attempt.thrower())) {
        caught.addAll(states);
      }
      for (Stmt statement : part) {
        if (catchAll) {
          Integer op = Stmt.operationOf(statement);
          boolean drains = statement instanceof Stmt.Retrieve || statement instanceof Stmt.Drain;
          caught.addAll(drains ? map(states, s -> set(s, op, MULTI | SINGLE)) : states);
        }
        Flow flow = statement(statement, states);
        flow.jumps().forEach((target, jumped) -> add(jumps, target, jumped));
        states = flow.normal();
      }
    }
    Flow handler = list(attempt.body(), caught);
    handler.jumps().forEach((target, jumped) -> add(jumps, target, jumped));
    return new Flow(union(states, handler.normal(), null), jumps);
  }

  private Flow resource(Stmt.Resource resource, Set<Integer> in) {
    if (resource.impersonation() != null) {
      context.push(resource.impersonation());
    }
    started(resource.op(), resource.kind(), resource.synchrony());
    Flow body = list(resource.body(), map(in, s -> fresh(s, resource.op())));
    // Every way out of the body passes the implicit close. The CFG has one copy of the close for
    // each way out (the end of the body, return, each jump target), each judged on its own.
    int line = closeLines.get(resource);
    int here = bodiesInline.size() - 1;
    closed(resource.op(), line, "", body.normal(), here, top());
    body.jumps().forEach((exit, states) -> closed(resource.op(), line, exit, states, here, top()));
    if (resource.impersonation() != null) {
      context.pop();
    }
    return body;
  }

  /**
   * As a try-with-resources body: every way out of the body (its end, a return, each jump target)
   * passes the close in the {@code finally}, one copy of it each in the CFG.
   */
  private Flow closedInFinally(Stmt.FinallyClose guarded, Set<Integer> in) {
    Flow body = list(guarded.body(), in);
    int line = closeLines.get(guarded);
    int here = bodiesInline.size() - 1;
    closed(guarded.op(), line, "", body.normal(), here, top());
    body.jumps().forEach((exit, states) -> closed(guarded.op(), line, exit, states, here, top()));
    return body;
  }

  private Flow close(Stmt.Close close, Set<Integer> in) {
    int line = closeLines.get(close);
    int body = bodiesInline.size() - 1;
    if (close.form().otherThread) {
      // In code handed to another thread: drain not judged there, no identity.
      bodiesInline.add(false);
      bodiesLater.add(false);
      closed(close.op(), line, "", in, body + 1, null);
      bodiesInline.remove(body + 1);
      bodiesLater.remove(body + 1);
    } else if (close.form().runAs) {
      bodiesInline.add(true);
      bodiesLater.add(false);
      closed(close.op(), line, "", in, body + 1, close.identity());
      bodiesInline.remove(body + 1);
      bodiesLater.remove(body + 1);
    } else {
      closed(close.op(), line, "", in, body, top());
      return normal(in);
    }
    // The lambda or method reference captured the operation.
    return normal(map(in, s -> set(s, close.op(), ESCAPED)));
  }

  /**
   * A close of {@code op} on line {@code line}, reached through {@code exit} (the way out of a
   * try-with-resources body, or "" for an explicit close) by {@code states}, in lambda body {@code
   * body}, as {@code closedAs}.
   */
  private void closed(
      int op, int line, String exit, Set<Integer> states, int body, Ident closedAs) {
    if (states.isEmpty()) {
      return;
    }
    Info info = infos.get(op);
    // Code that runs later does not judge the context of a close of an operation started outside
    // it (whoever runs it, as whatever identity is current then), unless the close's context is
    // one that code sets up itself: an impersonation or runAs of its own (the later code's context
    // is cleared, so a known identity is its own), or another thread it hands the close to (whose
    // fresh context is the same whoever runs the later code).
    boolean contextKnown = true;
    boolean judged = info.synchrony().synchronous();
    for (int b = info.body() + 1; b <= body; b++) {
      judged &= bodiesInline.get(b);
      if (bodiesLater.get(b)) {
        contextKnown = false;
      } else if (!bodiesInline.get(b)) {
        contextKnown = true; // another thread: a fresh context
      }
    }
    contextKnown |= closedAs != null;
    if (contextKnown && !Objects.equals(info.startedAs(), closedAs)) {
      expected.add(GeneratedProgram.key("MiCloseInDifferentContext", file, line));
    }
    if (judged) {
      statesAtClose
          .computeIfAbsent(line, l -> new HashMap<>())
          .computeIfAbsent(exit, e -> new HashSet<>())
          .addAll(states);
      operationAtClose.put(line, op);
    }
  }

  private Flow lambda(
      List<Stmt> body, Ident identity, boolean inline, boolean later, Set<Integer> in) {
    Deque<Ident> saved = new ArrayDeque<>(context);
    context.clear();
    if (inline) {
      context.addAll(saved);
    }
    if (identity != null) {
      context.push(identity);
    }
    bodiesInline.add(inline);
    bodiesLater.add(later);
    list(body, in); // its returns end the lambda; nothing flows back
    bodiesInline.remove(bodiesInline.size() - 1);
    bodiesLater.remove(bodiesLater.size() - 1);
    context.clear();
    context.addAll(saved);
    Set<Integer> captured = new HashSet<>();
    operationsIn(body, captured);
    return normal(
        map(
            in,
            s -> {
              int escaped = s;
              for (int op : captured) {
                escaped = set(escaped, op, ESCAPED);
              }
              return escaped;
            }));
  }

  /** Each case from the start, or falling through from the case before it. */
  private Flow switchFlow(Stmt.Switch statement, Set<Integer> in) {
    Set<Integer> normal = new HashSet<>();
    Set<Integer> fallingThrough = new HashSet<>();
    Map<String, Set<Integer>> jumps = new HashMap<>();
    for (int i = 0; i < statement.cases().size(); i++) {
      Flow flow = list(statement.cases().get(i), union(in, fallingThrough, null));
      flow.jumps().forEach((target, states) -> add(jumps, target, states));
      if (statement.arrows() || statement.breaks().get(i)) {
        normal.addAll(flow.normal());
        fallingThrough = new HashSet<>();
      } else {
        fallingThrough = flow.normal();
      }
    }
    normal.addAll(fallingThrough);
    return new Flow(normal, jumps);
  }

  private Flow loop(Stmt.Loop loop, Set<Integer> in) {
    Set<Integer> head = in;
    Flow body;
    while (true) {
      body = list(loop.body(), head);
      Set<Integer> next = union(in, body.normal(), jumpsTo(body.jumps(), "c" + loop.loop()));
      if (next.equals(head)) {
        break;
      }
      head = next;
    }
    return leaveLoop(loop.loop(), head, body.jumps());
  }

  private Flow doWhile(Stmt.DrainLoop loop, Set<Integer> in) {
    int op = loop.op();
    Set<Integer> head = in;
    Map<String, Set<Integer>> jumps;
    Set<Integer> exit;
    while (true) {
      jumps = new HashMap<>();
      Set<Integer> states = head;
      if (loop.jump() != null && loop.jumpFirst()) {
        add(jumps, target(loop.jump()), states);
      }
      states = map(states, s -> set(s, op, SINGLE));
      if (loop.jump() != null && !loop.jumpFirst()) {
        add(jumps, target(loop.jump()), states);
      }
      // A continue of this loop goes to its condition.
      Set<Integer> condition = union(states, takeJumpsTo(jumps, "c" + loop.loop()), null);
      Set<Integer> goOn;
      if (loop.condition() != null) {
        Split split = split(condition, op, loop.condition(), true);
        exit = split.exit();
        goOn = split.goOn();
      } else {
        exit = map(condition, s -> set(s, op, MULTI | SINGLE));
        goOn = moreSeen(condition, op);
      }
      Set<Integer> next = union(in, goOn, null);
      if (next.equals(head)) {
        break;
      }
      head = next;
    }
    return leaveLoop(loop.loop(), exit, jumps);
  }

  private Flow whileTrue(Stmt.DrainLoop loop, Set<Integer> in) {
    int op = loop.op();
    Set<Integer> head = in;
    Map<String, Set<Integer>> jumps;
    Set<Integer> exit;
    while (true) {
      jumps = new HashMap<>();
      Set<Integer> states = head;
      if (loop.jump() != null && loop.jumpFirst()) {
        add(jumps, target(loop.jump()), states);
      }
      states = map(states, s -> set(s, op, SINGLE));
      if (loop.condition() != null) {
        Split split = split(states, op, loop.condition(), false);
        exit = split.exit();
        states = split.goOn();
      } else {
        exit = map(states, s -> set(s, op, MULTI | SINGLE));
        states = moreSeen(states, op);
      }
      if (loop.jump() != null && !loop.jumpFirst()) {
        add(jumps, target(loop.jump()), states);
      }
      Set<Integer> next = union(in, states, jumpsTo(jumps, "c" + loop.loop()));
      if (next.equals(head)) {
        break;
      }
      head = next;
    }
    return leaveLoop(loop.loop(), exit, jumps);
  }

  private Flow forEach(Stmt.ForEach each, Set<Integer> in) {
    // The iteration's steps change nothing until hasNext() is false, which drains.
    Map<String, Set<Integer>> jumps = new HashMap<>();
    if (each.jump() != null) {
      add(jumps, target(each.jump()), in);
    }
    return leaveLoop(each.loop(), map(in, s -> set(s, each.op(), MULTI | SINGLE)), jumps);
  }

  /** The flow after loop {@code loop}: its exit and its own breaks; other jumps go on. */
  private static Flow leaveLoop(int loop, Set<Integer> exit, Map<String, Set<Integer>> jumps) {
    Map<String, Set<Integer>> outer = new HashMap<>(jumps);
    Set<Integer> breaks = takeJumpsTo(outer, "b" + loop);
    takeJumpsTo(outer, "c" + loop);
    return new Flow(union(exit, breaks, null), outer);
  }

  /** The states that go on round a loop and those that leave it, after its condition. */
  private record Split(Set<Integer> goOn, Set<Integer> exit) {}

  /**
   * Every way {@code condition} can evaluate (both values of {@code moreResults()} and of the
   * opaque call, with short circuit): where it read {@code moreResults()}, false drains and true is
   * the "more results" edge; where it did not, nothing is learnt. The loop goes on where the value
   * is {@code goOnWhen}.
   */
  private Split split(Set<Integer> states, int op, Stmt.Formula condition, boolean goOnWhen) {
    Set<Integer> goOn = new HashSet<>();
    Set<Integer> exit = new HashSet<>();
    for (boolean more : new boolean[] {false, true}) {
      for (boolean other : new boolean[] {false, true}) {
        Stmt.Formula.Value value = condition.eval(more, other);
        Set<Integer> target = value.value() == goOnWhen ? goOn : exit;
        if (!value.moreRead()) {
          target.addAll(states);
        } else if (more) {
          target.addAll(moreSeen(states, op));
        } else {
          target.addAll(map(states, s -> set(s, op, MULTI | SINGLE)));
        }
      }
    }
    return new Split(goOn, exit);
  }

  /**
   * The "more results" edge: the operation is not drained now. A path that had drained it cannot
   * take the edge; if others can, the truth is not exact (see the class comment).
   */
  private Set<Integer> moreSeen(Set<Integer> states, int op) {
    boolean someDrained = states.stream().anyMatch(s -> has(s, op, MULTI));
    boolean someNot = states.stream().anyMatch(s -> !has(s, op, MULTI));
    if (someDrained && someNot) {
      unknown = true;
    }
    return map(states, s -> has(s, op, MULTI) ? s : s & ~((MULTI | SINGLE) << shift(op)));
  }

  // ---- helpers ----

  private void started(int op, OpKind kind, Synchrony synchrony) {
    infos.put(op, new Info(kind, synchrony, top(), bodiesInline.size() - 1));
  }

  private Ident top() {
    return context.peek();
  }

  private static void operationsIn(List<Stmt> body, Set<Integer> ops) {
    for (Stmt statement : body) {
      Integer op = Stmt.operationOf(statement);
      if (op != null) {
        ops.add(op);
      }
      Stmt.nestedBodies(statement).forEach(nested -> operationsIn(nested, ops));
    }
  }

  private static String target(Stmt.Jump jump) {
    return switch (jump.kind()) {
      case RETURN -> RETURN;
      case BREAK -> "b" + jump.loop() + (jump.labelled() ? LABELLED : "");
      case CONTINUE -> "c" + jump.loop() + (jump.labelled() ? LABELLED : "");
    };
  }

  /**
   * Marks a labelled jump's target: {@code continue} and {@code continue L0} of the same loop leave
   * a try-with-resources through different copies of its close (the CFG builder keeps one per
   * label), each judged on its own, though they go to the same place.
   */
  private static final String LABELLED = ":labelled";

  /** The states of the jumps to {@code target} ({@code "c0"}, {@code "b0"}), labelled or not. */
  private static Set<Integer> jumpsTo(Map<String, Set<Integer>> jumps, String target) {
    return union(Set.of(), jumps.get(target), jumps.get(target + LABELLED));
  }

  /** Removes the jumps to {@code target}, labelled or not, and returns their states. */
  private static Set<Integer> takeJumpsTo(Map<String, Set<Integer>> jumps, String target) {
    return union(Set.of(), jumps.remove(target), jumps.remove(target + LABELLED));
  }

  private static Flow normal(Set<Integer> states) {
    return new Flow(states, Map.of());
  }

  private static Flow join(Flow a, Flow b) {
    Map<String, Set<Integer>> jumps = new HashMap<>();
    a.jumps().forEach((target, states) -> add(jumps, target, states));
    b.jumps().forEach((target, states) -> add(jumps, target, states));
    return new Flow(union(a.normal(), b.normal(), null), jumps);
  }

  private static void add(Map<String, Set<Integer>> jumps, String target, Set<Integer> states) {
    jumps.computeIfAbsent(target, t -> new HashSet<>()).addAll(states);
  }

  private static Set<Integer> union(Set<Integer> a, Set<Integer> b, Set<Integer> c) {
    Set<Integer> all = new HashSet<>(a);
    if (b != null) {
      all.addAll(b);
    }
    if (c != null) {
      all.addAll(c);
    }
    return all;
  }

  private static Set<Integer> map(Set<Integer> states, java.util.function.IntUnaryOperator f) {
    Set<Integer> out = new HashSet<>();
    for (int s : states) {
      out.add(f.applyAsInt(s));
    }
    return out;
  }

  private static int shift(int op) {
    return 3 * op;
  }

  private static boolean has(int state, int op, int bits) {
    return (state >> shift(op) & bits) == bits;
  }

  private static int set(int state, int op, int bits) {
    return state | bits << shift(op);
  }

  private static int fresh(int state, int op) {
    return state & ~(7 << shift(op));
  }
}
