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
 * feasible path. No statement catches an exception, so the only exceptional paths leave the method,
 * which the checks do not report by default.
 *
 * <p>Operations, loops and explicit impersonations are numbered per method: operation {@code n} is
 * the local {@code opn}, loop {@code n} (if labelled) has the label {@code Ln}.
 */
sealed interface Stmt {

  /**
   * {@code MiOperation opN = s.start(...);}, or through the unit's factory of that kind ({@code
   * factory}: a method of the same file that returns a freshly started operation).
   */
  record Start(int op, OpKind kind, Synchrony synchrony, boolean factory) implements Stmt {}

  /**
   * {@code try ([Impersonation iK = SecurityContext.impersonate(X);] MiOperation opN = ...)
   * {body}}: an implicit close on every way out of the body.
   */
  record Resource(
      int op, OpKind kind, Synchrony synchrony, Ident impersonation, int scope, List<Stmt> body)
      implements Stmt {}

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
  record DrainLoop(int op, int loop, Form form, Jump jump, boolean jumpFirst, int spelling)
      implements Stmt {
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
  record Escape(int op, boolean field) implements Stmt {}

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
    }
    return null;
  }

  /** The statement lists nested in a statement. */
  static List<List<Stmt>> nestedBodies(Stmt statement) {
    if (statement instanceof Resource s) {
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
