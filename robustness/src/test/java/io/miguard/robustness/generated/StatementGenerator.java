package io.miguard.robustness.generated;

import io.miguard.robustness.generated.Binding.Hop;
import io.miguard.robustness.generated.Binding.Ident;
import io.miguard.robustness.generated.Binding.OpKind;
import io.miguard.robustness.generated.Binding.ResultKind;
import io.miguard.robustness.generated.Binding.Synchrony;
import io.miguard.robustness.generated.Stmt.CloseForm;
import io.miguard.robustness.generated.Stmt.Jump;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Draws random method bodies of the ground-truth language ({@link Stmt}) that compile: every
 * operation is declared once (so lambdas may capture it), jumps target only loops they are inside
 * (and never leave a lambda or an explicit impersonation, whose revert they would skip), a close is
 * at the loop depth of its start (so no later iteration uses a closed operation), retrievals only
 * of synchronous operations, and nothing is used after it may have been closed.
 */
final class StatementGenerator {
  private static final int MAX_OPERATIONS = 4;
  private static final int MAX_DEPTH = 3;

  /**
   * Whether the issue-12 flow statements (compound conditions, rolling aliases, per-iteration
   * identities, flags assigned in loops, run-as bodies returning operations, records, code run
   * later) are generated without the property.
   */
  static final boolean FLOW_BY_DEFAULT = true;

  /**
   * Whether the issue-12 statements that need the exceptional-edge rule (exceptions caught in the
   * method, implicit exceptions, close-quietly {@code finally}) are generated without the property.
   */
  static final boolean EXCEPTIONS_BY_DEFAULT = true;

  /**
   * The issue-12 statements to generate whatever the defaults: {@code
   * -Dmiguard.generated.extended=true} (all), {@code flow}, {@code exceptions}, or a
   * comma-separated list of features ({@link Feature}, in lower case).
   */
  static final String EXTENDED_PROPERTY = "miguard.generated.extended";

  /** The issue-12 statements, each on its own switch. */
  enum Feature {
    /** Compound drain-loop conditions and stored flags with extra conjuncts (class 2). */
    FORMULAS(true),
    /** Rolling aliases in loops (class 3). */
    ROLLING(true),
    /** Run-as bodies that return the operation they start (class 4). */
    RUNAS_RETURN(true),
    /** Per-iteration identities (class 5). */
    PER_ITERATION(true),
    /** Boolean locals assigned in a loop that guard a close (classes 2 and 3). */
    LOOP_FLAGS(true),
    /** Records holding operations (class 6). */
    RECORDS(true),
    /** Code run later: stored lambdas, local and anonymous classes (class 10). */
    LATER(true),
    /** Exceptions caught in the method, implicit ones included (classes 1 and 8). */
    CAUGHT(false),
    /** Close-quietly {@code finally} blocks (class 9). */
    QUIETLY(false),
    /**
     * Everyday bodies (issue 14): operations drained first and then closed, which the checker
     * proves silent without a graph, and their near misses.
     */
    EVERYDAY(true);

    final boolean flow;

    Feature(boolean flow) {
      this.flow = flow;
    }

    boolean on() {
      return ON.contains(this);
    }
  }

  private static final java.util.EnumSet<Feature> ON = features();

  private static java.util.EnumSet<Feature> features() {
    java.util.EnumSet<Feature> on = java.util.EnumSet.noneOf(Feature.class);
    for (Feature feature : Feature.values()) {
      if (feature.flow ? FLOW_BY_DEFAULT : EXCEPTIONS_BY_DEFAULT) {
        on.add(feature);
      }
    }
    for (String name : System.getProperty(EXTENDED_PROPERTY, "").split(",")) {
      String word = name.trim().toUpperCase(java.util.Locale.ROOT);
      for (Feature feature : Feature.values()) {
        if (word.equals("TRUE")
            || word.equals(feature.name())
            || word.equals(feature.flow ? "FLOW" : "EXCEPTIONS")) {
          on.add(feature);
        }
      }
    }
    return on;
  }

  private final Random random;
  private int extras; // ids of the locals of the issue-12 statements
  private int operations;
  private int loops;
  private int scopes;
  private int bodies; // lambda bodies; 0 is the method's
  private final Set<Integer> closed = new HashSet<>();

  private StatementGenerator(Random random) {
    this.random = random;
  }

  /** A random method body. */
  static List<Stmt> body(Random random) {
    StatementGenerator generator = new StatementGenerator(random);
    if (Feature.EVERYDAY.on() && random.nextInt(4) == 0) {
      return generator.everyday();
    }
    return generator.list(Scope.method(), 2 + random.nextInt(4));
  }

  /** How an everyday operation's life misses the shape proven without a graph. */
  private enum Miss {
    /** {@code if (...) return;} before the drain. */
    RETURN_FIRST,
    /** One retrieval before the drain. */
    RETRIEVE_FIRST,
    /** Started with callbacks. */
    ASYNC,
    /** A guarded break out of the drain loop or the for-each. */
    LEAVES_THE_LOOP,
    /** A cancel after the drain: a second use. */
    CANCEL_AFTER,
    /** An exception thrown and caught in the method between the start and the drain. */
    CAUGHT_BEFORE_THE_DRAIN,
    /** An explicit close inside an impersonation scope. */
    CLOSED_IMPERSONATED,
    /** An explicit close inside an {@code if}. */
    CLOSED_ON_ONE_BRANCH,
    /** The explicit close handed to another thread or a run-as body. */
    CLOSED_ELSEWHERE
  }

  /**
   * An everyday body (issue 14): one to three operations in turn, each started, drained first (a
   * drain call, a do-while drain loop, a for-each) and then closed (by its try-with-resources,
   * which may impersonate, explicitly, or in a {@code finally}), the shape the checker proves
   * silent without a graph; half of them with one near miss ({@link Miss}) that the proof must not
   * accept.
   */
  private List<Stmt> everyday() {
    Scope scope = Scope.method();
    List<Stmt> out = new ArrayList<>();
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      int op = operations++;
      OpKind kind = pick(OpKind.values());
      Miss miss = random.nextBoolean() ? null : pick(Miss.values());
      // 0: try-with-resources, 1: explicit close, 2: explicit close in a finally
      int declared = random.nextInt(3);
      boolean resource = declared == 0;
      Synchrony synchrony =
          miss == Miss.ASYNC
              ? Synchrony.ASYNC
              : random.nextInt(3) == 0 ? Synchrony.SYNC_NULL_CALLBACKS : Synchrony.SYNC;
      List<Stmt> life = new ArrayList<>();
      if (miss == Miss.RETURN_FIRST) {
        life.add(new Stmt.Guarded(new Jump(Jump.Kind.RETURN, -1, false)));
      } else if (miss == Miss.RETRIEVE_FIRST) {
        life.add(new Stmt.Retrieve(op, false));
      } else if (miss == Miss.CAUGHT_BEFORE_THE_DRAIN) {
        Stmt.Thrower thrower = pick(Stmt.Thrower.values());
        life.add(
            new Stmt.TryCatch(
                extras++,
                List.of(),
                thrower,
                List.of(),
                pick(Stmt.Handler.catching(thrower)),
                List.of()));
      }
      life.add(drainFirst(op, kind, miss == Miss.LEAVES_THE_LOOP));
      if (miss == Miss.CANCEL_AFTER) {
        life.add(new Stmt.Cancel(op));
      }
      if (resource) {
        Ident impersonation = random.nextInt(3) == 0 ? pick(Ident.values()) : null;
        out.add(
            new Stmt.Resource(
                op, kind, synchrony, impersonation, impersonation != null ? scopes++ : -1, life));
        continue;
      }
      out.add(new Stmt.Start(op, kind, synchrony, false));
      closed.add(op);
      if (declared == 2) {
        out.add(new Stmt.FinallyClose(op, life));
        continue;
      }
      out.addAll(life);
      Stmt close = new Stmt.Close(op, CloseForm.EXPLICIT, null);
      if (miss == Miss.CLOSED_IMPERSONATED) {
        close = new Stmt.Impersonate(pick(Ident.values()), scopes++, List.of(close));
      } else if (miss == Miss.CLOSED_ON_ONE_BRANCH) {
        close = new Stmt.If(List.of(close), List.of());
      } else if (miss == Miss.CLOSED_ELSEWHERE) {
        CloseForm elsewhere = pick(CloseForm.values());
        close = new Stmt.Close(op, elsewhere, elsewhere.runAs ? pick(Ident.values()) : null);
      }
      out.add(close);
    }
    return out;
  }

  /** A drain of {@code op} that a proof may recognise, or (if {@code leaves}) its near miss. */
  private Stmt drainFirst(int op, OpKind kind, boolean leaves) {
    int roll = random.nextInt(kind.results != ResultKind.CLASS ? 3 : 2);
    if (roll == 0 && !leaves) {
      return new Stmt.Drain(op, false);
    }
    int loop = loops++;
    Jump jump = leaves ? new Jump(Jump.Kind.BREAK, loop, false) : null;
    if (roll == 2) {
      return new Stmt.ForEach(op, loop, jump);
    }
    return new Stmt.DrainLoop(op, loop, Stmt.DrainLoop.Form.DO_WHILE, jump, false, 0);
  }

  /** An operation visible in a scope. */
  private record Var(
      int op,
      OpKind kind,
      Synchrony synchrony,
      int loopDepth,
      boolean resource,
      Ident startedAs,
      int body) {}

  /**
   * A loop a jump may target; {@code inSwitch}: the jump would be inside a switch nested in it, so
   * its unlabelled break is the switch's.
   */
  private record Target(int loop, boolean labelled, boolean inSwitch) {
    Target(int loop, boolean labelled) {
      this(loop, labelled, false);
    }
  }

  /** What a statement list may use: its operations, jump targets and context. */
  private static final class Scope {
    final List<Var> vars;
    final List<Target> targets;
    final boolean returnAllowed;
    final int loopDepth;
    final int depth;
    final Ident identity; // the innermost impersonation or runAs, null if none
    final int body; // which lambda body (0: the method)

    Scope(
        List<Var> vars,
        List<Target> targets,
        boolean returnAllowed,
        int loopDepth,
        int depth,
        Ident identity,
        int body) {
      this.vars = vars;
      this.targets = targets;
      this.returnAllowed = returnAllowed;
      this.loopDepth = loopDepth;
      this.depth = depth;
      this.identity = identity;
      this.body = body;
    }

    static Scope method() {
      return new Scope(new ArrayList<>(), List.of(), true, 0, 0, null, 0);
    }

    /** A nested block: its own variables, the same targets. */
    Scope block() {
      return new Scope(
          new ArrayList<>(vars), targets, returnAllowed, loopDepth, depth + 1, identity, body);
    }

    Scope loop(Target target) {
      List<Target> inner = new ArrayList<>(targets);
      inner.add(target);
      return new Scope(
          new ArrayList<>(vars), inner, returnAllowed, loopDepth + 1, depth + 1, identity, body);
    }

    Scope impersonating(Ident as) {
      return new Scope(
          new ArrayList<>(vars), targets, returnAllowed, loopDepth, depth + 1, as, body);
    }

    /** A case of a switch: an unlabelled break would end the switch, so none is made. */
    Scope switchCase() {
      List<Target> inner = new ArrayList<>(targets);
      if (!inner.isEmpty()) {
        Target innermost = inner.remove(inner.size() - 1);
        inner.add(new Target(innermost.loop(), innermost.labelled(), true));
      }
      return new Scope(
          new ArrayList<>(vars), inner, returnAllowed, loopDepth, depth + 1, identity, body);
    }

    /** The statements between an explicit enter and its revert: no jump may leave them. */
    Scope explicitImpersonation(Ident as) {
      return new Scope(vars, List.of(), false, loopDepth, depth, as, body);
    }

    Scope lambda(Ident as, int newBody) {
      return new Scope(new ArrayList<>(vars), List.of(), true, loopDepth, depth + 1, as, newBody);
    }
  }

  private List<Stmt> list(Scope scope, int size) {
    List<Stmt> out = new ArrayList<>();
    int declaredFrom = scope.vars.size();
    for (int i = 0; i < size; i++) {
      statement(scope, out);
    }
    // Most operations declared here get closed here.
    for (Var var : List.copyOf(scope.vars.subList(declaredFrom, scope.vars.size()))) {
      if (!var.resource() && !closed.contains(var.op()) && random.nextInt(10) < 8) {
        out.add(close(var, scope));
      }
    }
    return out;
  }

  private void statement(Scope scope, List<Stmt> out) {
    List<Var> open = openVars(scope);
    if (Feature.ROLLING.on() && random.nextInt(40) == 0) {
      out.add(new Stmt.Rolling(extras++, random.nextBoolean(), random.nextBoolean()));
      return;
    }
    if (Feature.PER_ITERATION.on() && random.nextInt(40) == 0) {
      out.add(new Stmt.PerIteration(extras++, random.nextBoolean()));
      return;
    }
    if (Feature.LOOP_FLAGS.on() && random.nextInt(40) == 0) {
      out.add(
          new Stmt.FlagGuard(
              extras++,
              random.nextBoolean(),
              random.nextBoolean(),
              pick(Stmt.FlagUpdate.values()),
              random.nextInt(3) == 0,
              random.nextBoolean()));
      return;
    }
    if (Feature.CAUGHT.on() && random.nextInt(12) == 0 && !open.isEmpty()) {
      out.add(tryCatch(open, scope));
      return;
    }
    int roll = random.nextInt(100);
    if (roll < 22 && operations < MAX_OPERATIONS) {
      start(scope, out);
    } else if (roll < 65 && !open.isEmpty()) {
      out.add(protocol(open.get(random.nextInt(open.size())), scope));
    } else if (roll < 93 - 15 * scope.depth && scope.depth < MAX_DEPTH) {
      structure(scope, out);
    } else if (!jumps(scope, null).isEmpty()) {
      out.add(new Stmt.Guarded(pick(jumps(scope, null))));
    } else if (operations < MAX_OPERATIONS) {
      start(scope, out);
    }
  }

  private List<Var> openVars(Scope scope) {
    return scope.vars.stream().filter(var -> !closed.contains(var.op())).toList();
  }

  private void start(Scope scope, List<Stmt> out) {
    int op = operations++;
    OpKind kind = pick(OpKind.values());
    Synchrony synchrony =
        random.nextInt(5) == 0
            ? Synchrony.ASYNC
            : random.nextInt(4) == 0 ? Synchrony.SYNC_NULL_CALLBACKS : Synchrony.SYNC;
    if (random.nextInt(5) < 2 && scope.depth < MAX_DEPTH) {
      Ident impersonation = random.nextInt(3) == 0 ? pick(Ident.values()) : null;
      Ident startedAs = impersonation != null ? impersonation : scope.identity;
      Scope inner = impersonation != null ? scope.impersonating(impersonation) : scope.block();
      inner.vars.add(new Var(op, kind, synchrony, scope.loopDepth, true, startedAs, scope.body));
      out.add(
          new Stmt.Resource(
              op,
              kind,
              synchrony,
              impersonation,
              impersonation != null ? scopes++ : -1,
              list(inner, 1 + random.nextInt(4))));
    } else {
      boolean factory = random.nextInt(5) == 0;
      Ident runAs =
          Feature.RUNAS_RETURN.on() && random.nextInt(6) == 0 ? pick(Ident.values()) : null;
      out.add(new Stmt.Start(op, kind, factory ? Synchrony.SYNC : synchrony, factory, runAs));
      scope.vars.add(
          new Var(
              op,
              kind,
              factory ? Synchrony.SYNC : synchrony,
              scope.loopDepth,
              false,
              runAs != null ? runAs : scope.identity,
              scope.body));
    }
  }

  private Stmt protocol(Var var, Scope scope) {
    boolean closable = !var.resource() && var.loopDepth() == scope.loopDepth;
    if (!var.synchrony().synchronous()) {
      return closable && random.nextBoolean() ? close(var, scope) : new Stmt.Cancel(var.op());
    }
    int roll = random.nextInt(100);
    if (roll < 15) {
      return new Stmt.Retrieve(var.op(), random.nextInt(3) == 0);
    } else if (roll < 25) {
      return new Stmt.Drain(var.op(), random.nextInt(3) == 0);
    } else if (roll < 50) {
      int loop = loops++;
      Stmt.DrainLoop.Form form = pick(Stmt.DrainLoop.Form.values());
      Jump jump = random.nextInt(3) == 0 ? null : pick(jumps(scope, new Target(loop, false)));
      boolean jumpFirst = random.nextInt(3) == 0;
      if (jump != null
          && form != Stmt.DrainLoop.Form.WHILE_TRUE
          && jumpFirst
          && jump.kind() == Jump.Kind.CONTINUE
          && jump.loop() == loop) {
        jumpFirst = false; // the condition would read a result not yet retrieved
      }
      Stmt.Formula condition =
          Feature.FORMULAS.on() && random.nextBoolean()
              ? (form == Stmt.DrainLoop.Form.WHILE_TRUE ? breakFormula() : goOnFormula())
              : null;
      return new Stmt.DrainLoop(
          var.op(), loop, form, jump, jumpFirst, random.nextInt(4), condition);
    } else if (roll < 62 && var.kind().results != ResultKind.CLASS) {
      int loop = loops++;
      Jump jump = random.nextInt(3) == 0 ? null : pick(jumps(scope, new Target(loop, false)));
      return new Stmt.ForEach(var.op(), loop, jump);
    } else if (roll < 68) {
      return new Stmt.Cancel(var.op());
    } else if (roll < 72) {
      return new Stmt.Escape(
          var.op(), random.nextBoolean(), Feature.RECORDS.on() && random.nextInt(3) == 0);
    } else if (closable) {
      return close(var, scope);
    }
    return new Stmt.Retrieve(var.op(), false);
  }

  private Stmt close(Var var, Scope scope) {
    closed.add(var.op());
    CloseForm form = random.nextBoolean() ? CloseForm.EXPLICIT : pick(CloseForm.values());
    // On another thread, sometimes re-enter the identity that started the operation.
    if (scope.body != var.body()
        && var.startedAs() != null
        && form == CloseForm.EXPLICIT
        && random.nextBoolean()) {
      return new Stmt.Impersonate(
          var.startedAs(), scopes++, List.of(new Stmt.Close(var.op(), form, null)));
    }
    return new Stmt.Close(var.op(), form, form.runAs ? pick(Ident.values()) : null);
  }

  private void structure(Scope scope, List<Stmt> out) {
    int size = 1 + random.nextInt(scope.depth == 0 ? 3 : 2);
    switch (random.nextInt(9)) {
      case 0, 1 ->
          out.add(
              new Stmt.If(
                  list(scope.block(), size),
                  random.nextBoolean() ? list(scope.block(), size) : List.of()));
      case 2, 3 -> {
        int loop = loops++;
        boolean labelled = random.nextBoolean();
        out.add(new Stmt.Loop(loop, labelled, list(scope.loop(new Target(loop, labelled)), size)));
      }
      case 4 -> {
        Ident as = pick(Ident.values());
        out.add(new Stmt.Impersonate(as, scopes++, list(scope.impersonating(as), size)));
      }
      case 5 -> {
        Ident as = pick(Ident.values());
        int scopeId = scopes++;
        out.add(new Stmt.Enter(scopeId, as));
        Scope inside = scope.explicitImpersonation(as);
        for (int i = 0; i < size; i++) {
          statement(inside, out);
        }
        out.add(new Stmt.Leave(scopeId));
      }
      case 6 -> {
        Ident as = pick(Ident.values());
        out.add(new Stmt.RunAs(as, list(scope.lambda(as, ++bodies), size)));
      }
      case 8 -> {
        int count = 2 + random.nextInt(2);
        List<List<Stmt>> cases = new ArrayList<>();
        List<Boolean> breaks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          cases.add(list(scope.switchCase(), Math.max(1, size - 1)));
          breaks.add(i == count - 1 || random.nextBoolean());
        }
        out.add(new Stmt.Switch(cases, random.nextBoolean(), breaks));
      }
      default -> {
        if (Feature.QUIETLY.on() && random.nextInt(3) == 0) {
          out.add(new Stmt.CloseQuietly(extras++, list(scope.block(), size)));
        } else if (Feature.LATER.on() && random.nextInt(3) == 0) {
          out.add(
              new Stmt.LaterBlock(
                  pick(Stmt.Later.values()), extras++, list(scope.lambda(null, ++bodies), size)));
        } else {
          out.add(new Stmt.HopBlock(pick(Hop.values()), list(scope.lambda(null, ++bodies), size)));
        }
      }
    }
  }

  /** A condition a drain loop goes on while it is true: false whenever no more results follow. */
  private Stmt.Formula goOnFormula() {
    Stmt.Formula more = new Stmt.Formula.More();
    Stmt.Formula other = new Stmt.Formula.Other();
    return switch (random.nextInt(5)) {
      case 0 -> new Stmt.Formula.And(more, other);
      case 1 -> new Stmt.Formula.And(other, more);
      case 2 -> new Stmt.Formula.Ternary(more, new Stmt.Formula.Const(false));
      case 3 ->
          new Stmt.Formula.Not(
              new Stmt.Formula.Or(new Stmt.Formula.Not(more), new Stmt.Formula.Not(other)));
      default -> new Stmt.Formula.Not(new Stmt.Formula.Not(more));
    };
  }

  /** A condition a drain loop breaks on: true whenever no more results follow. */
  private Stmt.Formula breakFormula() {
    Stmt.Formula notMore = new Stmt.Formula.Not(new Stmt.Formula.More());
    Stmt.Formula other = new Stmt.Formula.Other();
    return switch (random.nextInt(6)) {
      case 0 -> new Stmt.Formula.Or(notMore, other);
      case 1 -> new Stmt.Formula.Or(other, notMore);
      case 2 -> new Stmt.Formula.Not(new Stmt.Formula.And(new Stmt.Formula.More(), other));
      case 3 -> new Stmt.Formula.Not(new Stmt.Formula.And(other, new Stmt.Formula.More()));
      case 4 -> new Stmt.Formula.Ternary(new Stmt.Formula.Const(true), notMore);
      default -> new Stmt.Formula.Ternary(notMore, new Stmt.Formula.Const(true));
    };
  }

  /**
   * A try whose block holds binding calls around a thrower, and whose handler drains or closes an
   * operation open at the thrower (and may jump).
   */
  private Stmt tryCatch(List<Var> open, Scope scope) {
    Stmt.Thrower thrower = pick(Stmt.Thrower.values());
    Stmt.Handler handler = pick(Stmt.Handler.catching(thrower));
    List<Stmt> pre = new ArrayList<>();
    List<Stmt> post = new ArrayList<>();
    List<Stmt> body = new ArrayList<>();
    if (random.nextBoolean()) {
      simpleProtocol(open, scope, pre);
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      simpleProtocol(openVars(scope), scope, post);
    }
    List<Var> stillOpen = openVars(scope);
    if (!stillOpen.isEmpty() && random.nextBoolean()) {
      Var var = stillOpen.get(random.nextInt(stillOpen.size()));
      if (var.synchrony().synchronous()) {
        body.add(new Stmt.Drain(var.op(), false));
      }
    }
    List<Var> closable =
        openVars(scope).stream()
            .filter(var -> !var.resource() && var.loopDepth() == scope.loopDepth)
            .toList();
    if (!closable.isEmpty() && random.nextInt(4) != 0) {
      Var var = closable.get(random.nextInt(closable.size()));
      closed.add(var.op());
      body.add(new Stmt.Close(var.op(), CloseForm.EXPLICIT, null));
    }
    if (random.nextInt(3) == 0 && !jumps(scope, null).isEmpty()) {
      body.add(new Stmt.Guarded(pick(jumps(scope, null))));
    }
    return new Stmt.TryCatch(extras++, pre, thrower, post, handler, body);
  }

  /** One binding call on an open operation: no helper, no lambda, no other call that may throw. */
  private void simpleProtocol(List<Var> open, Scope scope, List<Stmt> out) {
    if (open.isEmpty()) {
      return;
    }
    Var var = open.get(random.nextInt(open.size()));
    boolean closable = !var.resource() && var.loopDepth() == scope.loopDepth;
    int roll = random.nextInt(var.synchrony().synchronous() ? 4 : 2);
    if (roll == 0 && closable) {
      closed.add(var.op());
      out.add(new Stmt.Close(var.op(), CloseForm.EXPLICIT, null));
    } else if (roll == 2) {
      out.add(new Stmt.Retrieve(var.op(), false));
    } else if (roll == 3) {
      out.add(new Stmt.Drain(var.op(), false));
    } else {
      out.add(new Stmt.Cancel(var.op()));
    }
  }

  /**
   * The jumps a guard in {@code scope} may make; {@code own} is the drain or for-each loop the
   * guard is in, whose own break and continue need no label.
   */
  private List<Jump> jumps(Scope scope, Target own) {
    List<Jump> jumps = new ArrayList<>();
    if (scope.returnAllowed) {
      jumps.add(new Jump(Jump.Kind.RETURN, -1, false));
    }
    List<Target> targets = new ArrayList<>(scope.targets);
    if (own != null) {
      targets.add(own);
    }
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      boolean innermost = i == targets.size() - 1;
      if (innermost || target.labelled()) {
        boolean label = !innermost;
        if (label || !target.inSwitch()) {
          jumps.add(new Jump(Jump.Kind.BREAK, target.loop(), label));
        }
        jumps.add(new Jump(Jump.Kind.CONTINUE, target.loop(), label));
      }
    }
    return jumps;
  }

  private <T> T pick(List<T> items) {
    return items.isEmpty() ? null : items.get(random.nextInt(items.size()));
  }

  private <T> T pick(T[] items) {
    return items[random.nextInt(items.length)];
  }
}
