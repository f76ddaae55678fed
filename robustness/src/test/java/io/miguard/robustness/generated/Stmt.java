package io.miguard.robustness.generated;

import io.miguard.robustness.generated.Binding.Hop;
import io.miguard.robustness.generated.Binding.Ident;
import io.miguard.robustness.generated.Binding.OpKind;
import io.miguard.robustness.generated.Binding.Synchrony;
import java.util.List;

/**
 * The ground-truth language: statements whose protocol events (start, retrieve, see more results,
 * drain, cancel, close, enter and leave a security context, hand code to another thread or to
 * {@code runAs}) are known on every path. Conditions are opaque ({@code c.getAsBoolean()}, {@code
 * n.getAsInt()}: parameters the checks cannot see through), so every combination of branches is a
 * feasible path. Exceptions are caught only by {@link TryCatch}, whose handler is entered where the
 * documented exceptional-edge rule follows the edge; every other exception leaves the method, which
 * the checks do not report by default. The issue-12 statements are generated only where their
 * switch is on ({@link StatementGenerator.Feature}).
 *
 * <p>Operations, loops and explicit impersonations are numbered per method: operation {@code n} is
 * the local {@code opn}, loop {@code n} (if labelled) has the label {@code Ln}.
 */
sealed interface Stmt {

  /**
   * {@code MiOperation opN = s.start(...);}, or through the unit's factory of that kind ({@code
   * factory}: a method of the same file that returns a freshly started operation).
   */
  record Start(int op, OpKind kind, Synchrony synchrony, boolean factory, Ident runAs)
      implements Stmt {
    Start(int op, OpKind kind, Synchrony synchrony, boolean factory) {
      this(op, kind, synchrony, factory, null);
    }
  }

  /**
   * {@code try ([Impersonation iK = SecurityContext.impersonate(X);] MiOperation opN = ...)
   * {body}}: an implicit close on every way out of the body.
   */
  record Resource(
      int op, OpKind kind, Synchrony synchrony, Ident impersonation, int scope, List<Stmt> body)
      implements Stmt {}

  /**
   * {@code try {body} finally { opN.close(); }}: an operation started before, closed explicitly on
   * every way out of the body (issue 14's everyday bodies).
   */
  record FinallyClose(int op, List<Stmt> body) implements Stmt {}

  /** One retrieval, {@code opN.getInstance();}, or through the unit's one-retrieval helper. */
  record Retrieve(int op, boolean helper) implements Stmt {}

  /** {@code opN.drainInstances();} (or {@code drainClasses()}), or the unit's drain-loop helper. */
  record Drain(int op, boolean helper) implements Stmt {}

  /**
   * A canonical drain loop, with an optional guarded jump before or after the retrieval: {@code do
   * { r = op.get...(); } while (r.moreResults());} (or with a boolean local carrying {@code
   * moreResults()}, which behaves the same), or {@code while (true) { r = ...; if
   * (!r.moreResults()) break; }}; {@code spelling} picks how the condition reads.
   */
  record DrainLoop(
      int op, int loop, Form form, Jump jump, boolean jumpFirst, int spelling, Formula condition)
      implements Stmt {
    DrainLoop(int op, int loop, Form form, Jump jump, boolean jumpFirst, int spelling) {
      this(op, loop, form, jump, jumpFirst, spelling, null);
    }

    enum Form {
      DO_WHILE,
      MORE_FLAG,
      WHILE_TRUE
    }
  }

  /** {@code for (MiInstance m : opN.instances()) { [guarded jump] }} */
  record ForEach(int op, int loop, Jump jump) implements Stmt {}

  /**
   * The operation escapes to code the checks cannot see: {@code holder.add(opN);} (a method they
   * know nothing about) or {@code last = opN;} (a field).
   */
  record Escape(int op, boolean field, boolean record) implements Stmt {
    Escape(int op, boolean field) {
      this(op, field, false);
    }
  }

  /**
   * A condition of a drain loop ({@link DrainLoop#condition}, issue 12 class 2): a boolean formula
   * over the result's {@code moreResults()} ({@link More}) and an opaque {@code c.getAsBoolean()}
   * ({@link Other}), each at most once, with Java's short circuit: for {@code DO_WHILE} and {@code
   * MORE_FLAG} the loop goes on while it is true, for {@code WHILE_TRUE} it breaks when it is true.
   */
  sealed interface Formula {
    record More() implements Formula {}

    record Other() implements Formula {}

    record Const(boolean value) implements Formula {}

    record Not(Formula operand) implements Formula {}

    record And(Formula left, Formula right) implements Formula {}

    record Or(Formula left, Formula right) implements Formula {}

    /** {@code c.getAsBoolean() ? then : otherwise} */
    record Ternary(Formula then, Formula otherwise) implements Formula {}

    /** Its value when {@code moreResults()} is {@code more} and the opaque call {@code other}. */
    default Value eval(boolean more, boolean other) {
      if (this instanceof More) {
        return new Value(more, true);
      } else if (this instanceof Other) {
        return new Value(other, false);
      } else if (this instanceof Const c) {
        return new Value(c.value(), false);
      } else if (this instanceof Not n) {
        Value v = n.operand().eval(more, other);
        return new Value(!v.value(), v.moreRead());
      } else if (this instanceof And a) {
        Value l = a.left().eval(more, other);
        if (!l.value()) {
          return l;
        }
        Value r = a.right().eval(more, other);
        return new Value(r.value(), l.moreRead() || r.moreRead());
      } else if (this instanceof Or o) {
        Value l = o.left().eval(more, other);
        if (l.value()) {
          return l;
        }
        Value r = o.right().eval(more, other);
        return new Value(r.value(), l.moreRead() || r.moreRead());
      }
      Ternary t = (Ternary) this;
      return (other ? t.then() : t.otherwise()).eval(more, other);
    }

    /** A formula's value, and whether evaluating it read {@code moreResults()}. */
    record Value(boolean value, boolean moreRead) {}
  }

  /**
   * {@code try {pre; thrower; post} catch (Handler eN) {handler}}: a call or statement that may
   * throw, caught in the method (issue 12, classes 1 and 8). Only binding calls besides the thrower
   * are in the try block, and the binding's methods throw only the MiException they declare, which
   * no generated handler narrower than RuntimeException catches.
   */
  record TryCatch(
      int id, List<Stmt> pre, Thrower thrower, List<Stmt> post, Handler handler, List<Stmt> body)
      implements Stmt {}

  /** What may throw in a {@link TryCatch}. */
  enum Thrower {
    /** A unit method declaring IOException. */
    CHECKED,
    /** An opaque call that declares nothing. */
    UNCHECKED_CALL,
    /** An integer division (an implicit ArithmeticException), of an opaque call's value. */
    DIVISION,
    /** A {@code throw} written in the method. */
    THROW
  }

  /** The exception a {@link TryCatch} catches. */
  enum Handler {
    IO_EXCEPTION("java.io.IOException", false),
    NUMBER_FORMAT("NumberFormatException", false),
    ILLEGAL_ARGUMENT("IllegalArgumentException", false),
    ARITHMETIC("ArithmeticException", false),
    ILLEGAL_STATE("IllegalStateException", false),
    RUNTIME("RuntimeException", true),
    EXCEPTION("Exception", true),
    THROWABLE("Throwable", true);

    final String type;
    final boolean catchAll;

    Handler(String type, boolean catchAll) {
      this.type = type;
      this.catchAll = catchAll;
    }

    /** The handlers that catch what {@code thrower} throws. */
    static List<Handler> catching(Thrower thrower) {
      return switch (thrower) {
        case CHECKED -> List.of(IO_EXCEPTION, EXCEPTION, THROWABLE);
        case UNCHECKED_CALL ->
            List.of(NUMBER_FORMAT, ILLEGAL_ARGUMENT, RUNTIME, EXCEPTION, THROWABLE);
        case DIVISION -> List.of(ARITHMETIC, RUNTIME, EXCEPTION, THROWABLE);
        case THROW -> List.of(ILLEGAL_STATE, RUNTIME, EXCEPTION, THROWABLE);
      };
    }

    /**
     * The documented rule (docs/bugpatterns/MiCloseBeforeDrain.md, "Exceptional paths"): the edge
     * from {@code thrower} into this handler is followed by default for a {@code throw} in the
     * method, an exception the call declares (whatever the handler), and an undeclared unchecked or
     * implicit exception caught by a handler narrower than RuntimeException; not for one of those
     * only a catch-all catches.
     */
    boolean follows(Thrower thrower) {
      return thrower == Thrower.THROW || thrower == Thrower.CHECKED || !catchAll;
    }
  }

  /**
   * {@code try { work.run(); body } finally { try { res.close(); } catch (IOException e) {} }}: a
   * close-quietly {@code finally} (issue 12, class 9); work.run()'s exceptions leave the method.
   */
  record CloseQuietly(int id, List<Stmt> body) implements Stmt {}

  /**
   * Rolling aliases (issue 12, class 3), on operations of their own: {@code prev = cur; cur =
   * start();} in a loop, {@code prev} closed in the loop (drained first if {@code drainPrevious}),
   * {@code cur} after it (drained first if {@code drainCurrent}).
   */
  record Rolling(int id, boolean drainPrevious, boolean drainCurrent) implements Stmt {}

  /**
   * Per-iteration identities (issue 12, class 5), on operations of their own: {@code for (Identity
   * u : users) try (impersonate(u)) {...}}; with {@code acrossIterations} the operation started in
   * one iteration is drained and closed in the next (as another identity), else in its own.
   */
  record PerIteration(int id, boolean acrossIterations) implements Stmt {}

  /**
   * A boolean local assigned in a loop that guards a close (issue 12, classes 2 and 3: a local
   * holds every value the loop gives it at the loop's head), on an operation of its own: {@code
   * boolean flagN = initial; while (c) { if ([!]flagN) { [drain;] fgN.close(); fgN = start(); }
   * update; } fgN.drainInstances(); fgN.close();}, or the same over {@code for (Identity u :
   * users)}.
   */
  record FlagGuard(
      int id,
      boolean initial,
      boolean testsTrue,
      FlagUpdate update,
      boolean drained,
      boolean forEach)
      implements Stmt {
    /** Whether the guarded close runs on some path: the guard holds for a value the head sees. */
    boolean guardReachable() {
      boolean wanted = testsTrue;
      return switch (update) {
        case NONE -> initial == wanted;
        case SET_TRUE -> initial == wanted || wanted;
        case SET_FALSE -> initial == wanted || !wanted;
        case TOGGLE, OPAQUE -> true;
      };
    }
  }

  /** What the loop of a {@link FlagGuard} assigns its flag after the guard. */
  enum FlagUpdate {
    NONE,
    SET_TRUE,
    SET_FALSE,
    TOGGLE,
    OPAQUE
  }

  /** Code that runs later (issue 12, class 10): it starts in an unknown context of its own. */
  record LaterBlock(Later later, int id, List<Stmt> body) implements Stmt {}

  /** How code is kept to run later. */
  enum Later {
    STORED_LAMBDA,
    LOCAL_CLASS,
    ANONYMOUS_CLASS
  }

  /** {@code opN.cancel(CancellationReason.NONE);} */
  record Cancel(int op) implements Stmt {}

  /** A close of {@code opN} in one of the forms of {@link CloseForm}. */
  record Close(int op, CloseForm form, Ident identity) implements Stmt {}

  /**
   * {@code switch (n.getAsInt())} with one case per list: arrows, or colons where case {@code i}
   * falls through into the next unless {@code breaks.get(i)} (the last case always ends it).
   */
  record Switch(List<List<Stmt>> cases, boolean arrows, List<Boolean> breaks) implements Stmt {}

  /** {@code if (c.getAsBoolean()) {then} else {otherwise}} */
  record If(List<Stmt> then, List<Stmt> otherwise) implements Stmt {}

  /** {@code [Ln:] while (c.getAsBoolean()) {body}} */
  record Loop(int loop, boolean labelled, List<Stmt> body) implements Stmt {}

  /** {@code if (c.getAsBoolean()) { jump; }} */
  record Guarded(Jump jump) implements Stmt {}

  /** {@code try (Impersonation iK = SecurityContext.impersonate(X)) {body}} */
  record Impersonate(Ident identity, int scope, List<Stmt> body) implements Stmt {}

  /** {@code Impersonation iK = SecurityContext.impersonate(X);} until the {@link Leave}. */
  record Enter(int scope, Ident identity) implements Stmt {}

  /** {@code iK.close();}: reverts the {@link Enter} of the same scope. */
  record Leave(int scope) implements Stmt {}

  /** {@code SecurityContext.runAs(X, () -> {body});}: runs during the call, as X. */
  record RunAs(Ident identity, List<Stmt> body) implements Stmt {}

  /** The body handed to another thread. */
  record HopBlock(Hop hop, List<Stmt> body) implements Stmt {}

  /** The operation a protocol statement acts on (not a start), or null. */
  static Integer operationOf(Stmt statement) {
    if (statement instanceof Retrieve s) {
      return s.op();
    } else if (statement instanceof Drain s) {
      return s.op();
    } else if (statement instanceof DrainLoop s) {
      return s.op();
    } else if (statement instanceof ForEach s) {
      return s.op();
    } else if (statement instanceof Cancel s) {
      return s.op();
    } else if (statement instanceof Escape s) {
      return s.op();
    } else if (statement instanceof Close s) {
      return s.op();
    } else if (statement instanceof FinallyClose s) {
      return s.op();
    }
    return null;
  }

  /** The statement lists nested in a statement. */
  static List<List<Stmt>> nestedBodies(Stmt statement) {
    if (statement instanceof Resource s) {
      return List.of(s.body());
    } else if (statement instanceof FinallyClose s) {
      return List.of(s.body());
    } else if (statement instanceof If s) {
      return List.of(s.then(), s.otherwise());
    } else if (statement instanceof Switch s) {
      return s.cases();
    } else if (statement instanceof Loop s) {
      return List.of(s.body());
    } else if (statement instanceof Impersonate s) {
      return List.of(s.body());
    } else if (statement instanceof RunAs s) {
      return List.of(s.body());
    } else if (statement instanceof HopBlock s) {
      return List.of(s.body());
    } else if (statement instanceof TryCatch s) {
      return List.of(s.pre(), s.post(), s.body());
    } else if (statement instanceof CloseQuietly s) {
      return List.of(s.body());
    } else if (statement instanceof LaterBlock s) {
      return List.of(s.body());
    }
    return List.of();
  }

  /** A jump: {@code break}, {@code continue} (of loop {@code loop}) or {@code return}. */
  record Jump(Kind kind, int loop, boolean labelled) {
    enum Kind {
      BREAK,
      CONTINUE,
      RETURN
    }

    String code() {
      switch (kind) {
        case RETURN:
          return "return;";
        case BREAK:
          return labelled ? "break L" + loop + ";" : "break;";
        default:
          return labelled ? "continue L" + loop + ";" : "continue;";
      }
    }
  }

  /** How a {@link Close} closes. */
  enum CloseForm {
    EXPLICIT(false, false),
    EXECUTE_LAMBDA(true, false),
    SUBMIT_REFERENCE(true, false),
    THREAD_REFERENCE(true, false),
    RUN_ASYNC_LAMBDA(true, false),
    RUN_AS_LAMBDA(false, true),
    RUN_AS_REFERENCE(false, true);

    final boolean otherThread;
    final boolean runAs;

    CloseForm(boolean otherThread, boolean runAs) {
      this.otherThread = otherThread;
      this.runAs = runAs;
    }

    String code(int op, Ident identity) {
      String v = "op" + op;
      return switch (this) {
        case EXPLICIT -> v + ".close();";
        case EXECUTE_LAMBDA -> "pool.execute(() -> " + v + ".close());";
        case SUBMIT_REFERENCE -> "pool.submit(" + v + "::close);";
        case THREAD_REFERENCE -> "new Thread(" + v + "::close).start();";
        case RUN_ASYNC_LAMBDA -> "CompletableFuture.runAsync(() -> " + v + ".close());";
        case RUN_AS_LAMBDA ->
            "SecurityContext.runAs(" + identity.code + ", () -> " + v + ".close());";
        case RUN_AS_REFERENCE -> "SecurityContext.runAs(" + identity.code + ", " + v + "::close);";
      };
    }
  }
}
