package io.miguard.robustness.generated;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes statements of the ground-truth language as Java, and remembers the line of every close: of
 * each {@link Stmt.Close} the line of its call or method reference, of each {@link Stmt.Resource}
 * the line of the operation's resource declaration (where the checks report an implicit close).
 */
final class StatementRenderer {
  private static final String CONDITION = "c.getAsBoolean()";

  private final SourceBuilder out;
  private final Map<Stmt, Integer> closeLines = new IdentityHashMap<>();
  private final Map<CloseKey, Integer> extraCloses = new HashMap<>();

  /** The {@code index}th close a self-contained statement ({@link Stmt.Rolling}...) writes. */
  record CloseKey(Stmt statement, int index) {
    @Override
    public boolean equals(Object other) {
      return other instanceof CloseKey key && key.statement == statement && key.index == index;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(statement) * 31 + index;
    }
  }

  private final Map<Integer, Binding.ResultKind> kinds = new HashMap<>();
  private int locals;

  StatementRenderer(SourceBuilder out) {
    this.out = out;
  }

  /** The line of each close written so far, by statement (identity). */
  Map<Stmt, Integer> closeLines() {
    return closeLines;
  }

  /** The lines of the closes of the self-contained statements written so far. */
  Map<CloseKey, Integer> extraCloses() {
    return extraCloses;
  }

  void write(List<Stmt> statements) {
    statements.forEach(this::write);
  }

  private void write(Stmt statement) {
    if (statement instanceof Stmt.Start start) {
      kinds.put(start.op(), start.kind().results);
      String call =
          start.factory()
              ? Binding.factoryName(start.kind()) + "(s, keys)"
              : start.kind().start(start.synchrony());
      if (start.runAs() != null) {
        // The operation is started inside a run-as body that returns it (issue 12, class 4).
        out.open(
            "MiOperation op"
                + start.op()
                + " = SecurityContext.runAs("
                + start.runAs().code
                + ", () -> {");
        out.line("MiOperation started = " + call + ";");
        out.line("return started;");
        out.close("});");
      } else {
        out.line("MiOperation op" + start.op() + " = " + call + ";");
      }
    } else if (statement instanceof Stmt.Resource resource) {
      resource(resource);
    } else if (statement instanceof Stmt.FinallyClose guarded) {
      out.open("try {");
      write(guarded.body());
      out.reopen("} finally {");
      closeLines.put(guarded, out.line("op" + guarded.op() + ".close();"));
      out.close("}");
    } else if (statement instanceof Stmt.Retrieve retrieve) {
      Binding.ResultKind kind = kinds.get(retrieve.op());
      out.line(
          retrieve.helper()
              ? kind.readOneHelper + "(op" + retrieve.op() + ");"
              : "op" + retrieve.op() + "." + kind.retrieve + "();");
    } else if (statement instanceof Stmt.Drain drain) {
      Binding.ResultKind kind = kinds.get(drain.op());
      out.line(
          drain.helper()
              ? kind.drainHelper + "(op" + drain.op() + ");"
              : "op" + drain.op() + "." + kind.drain + "();");
    } else if (statement instanceof Stmt.DrainLoop loop) {
      drainLoop(loop);
    } else if (statement instanceof Stmt.ForEach each) {
      out.open("for (MiInstance m" + locals++ + " : op" + each.op() + ".instances()) {");
      guard(each.jump());
      out.close("}");
    } else if (statement instanceof Stmt.Escape escape) {
      out.line(
          escape.record()
              ? "kept = new Held(op" + escape.op() + ");"
              : escape.field()
                  ? "last = op" + escape.op() + ";"
                  : "holder.add(op" + escape.op() + ");");
    } else if (statement instanceof Stmt.Cancel cancel) {
      out.line("op" + cancel.op() + ".cancel(CancellationReason.NONE);");
    } else if (statement instanceof Stmt.Close close) {
      closeLines.put(close, out.line(close.form().code(close.op(), close.identity())));
    } else if (statement instanceof Stmt.Switch cases) {
      switchStatement(cases);
    } else if (statement instanceof Stmt.If branch) {
      out.open("if (" + CONDITION + ") {");
      write(branch.then());
      if (!branch.otherwise().isEmpty()) {
        out.reopen("} else {");
        write(branch.otherwise());
      }
      out.close("}");
    } else if (statement instanceof Stmt.Loop loop) {
      out.open((loop.labelled() ? "L" + loop.loop() + ": " : "") + "while (" + CONDITION + ") {");
      write(loop.body());
      out.close("}");
    } else if (statement instanceof Stmt.Guarded guarded) {
      guard(guarded.jump());
    } else if (statement instanceof Stmt.Impersonate impersonate) {
      out.open(
          "try (Impersonation i"
              + impersonate.scope()
              + " = SecurityContext.impersonate("
              + impersonate.identity().code
              + ")) {");
      write(impersonate.body());
      out.close("}");
    } else if (statement instanceof Stmt.Enter enter) {
      out.line(
          "Impersonation i"
              + enter.scope()
              + " = SecurityContext.impersonate("
              + enter.identity().code
              + ");");
    } else if (statement instanceof Stmt.Leave leave) {
      out.line("i" + leave.scope() + ".close();");
    } else if (statement instanceof Stmt.RunAs runAs) {
      out.open("SecurityContext.runAs(" + runAs.identity().code + ", () -> {");
      write(runAs.body());
      out.close("});");
    } else if (statement instanceof Stmt.HopBlock hop) {
      out.open(hop.hop().open);
      write(hop.body());
      out.close(hop.hop().close);
    } else if (statement instanceof Stmt.TryCatch attempt) {
      tryCatch(attempt);
    } else if (statement instanceof Stmt.CloseQuietly quietly) {
      out.open("try {");
      out.line("work.run();");
      write(quietly.body());
      out.reopen("} finally {");
      out.open("try {");
      out.line("res.close();");
      out.reopen("} catch (java.io.IOException q" + quietly.id() + ") {");
      out.line("// closed quietly");
      out.close("}");
      out.close("}");
    } else if (statement instanceof Stmt.Rolling rolling) {
      rolling(rolling);
    } else if (statement instanceof Stmt.PerIteration each) {
      perIteration(each);
    } else if (statement instanceof Stmt.FlagGuard guard) {
      flagGuard(guard);
    } else if (statement instanceof Stmt.LaterBlock later) {
      later(later);
    } else {
      throw new IllegalArgumentException("unknown statement " + statement);
    }
  }

  private void tryCatch(Stmt.TryCatch attempt) {
    out.open("try {");
    write(attempt.pre());
    switch (attempt.thrower()) {
      case CHECKED -> out.line("readConfig();");
      case UNCHECKED_CALL -> out.line("n.getAsInt();");
      case DIVISION -> out.line("int q" + attempt.id() + " = 10 / n.getAsInt();");
      case THROW -> {
        out.open("if (c.getAsBoolean()) {");
        out.line("throw new IllegalStateException();");
        out.close("}");
      }
    }
    write(attempt.post());
    out.reopen("} catch (" + attempt.handler().type + " e" + attempt.id() + ") {");
    write(attempt.body());
    out.close("}");
  }

  /** Rolling aliases: each close's line is remembered under the statement and a marker. */
  private void rolling(Stmt.Rolling rolling) {
    String prev = "prev" + rolling.id();
    String cur = "cur" + rolling.id();
    String start = Binding.OpKind.ENUMERATE.start(Binding.Synchrony.SYNC);
    out.line("MiOperation " + prev + " = null;");
    out.line("MiOperation " + cur + " = " + start + ";");
    out.open("while (" + CONDITION + ") {");
    out.line(prev + " = " + cur + ";");
    out.line(cur + " = " + start + ";");
    if (rolling.drainPrevious()) {
      out.line(prev + ".drainInstances();");
    }
    extraCloses.put(new CloseKey(rolling, 0), out.line(prev + ".close();"));
    out.close("}");
    if (rolling.drainCurrent()) {
      out.line(cur + ".drainInstances();");
    }
    extraCloses.put(new CloseKey(rolling, 1), out.line(cur + ".close();"));
  }

  private void flagGuard(Stmt.FlagGuard guard) {
    String start = Binding.OpKind.ENUMERATE.start(Binding.Synchrony.SYNC);
    String op = "fg" + guard.id();
    String flag = "flag" + guard.id();
    out.line("MiOperation " + op + " = " + start + ";");
    out.line("boolean " + flag + " = " + guard.initial() + ";");
    out.open(
        guard.forEach()
            ? "for (Identity f" + guard.id() + " : users) {"
            : "while (" + CONDITION + ") {");
    out.open("if (" + (guard.testsTrue() ? "" : "!") + flag + ") {");
    if (guard.drained()) {
      out.line(op + ".drainInstances();");
    }
    extraCloses.put(new CloseKey(guard, 0), out.line(op + ".close();"));
    out.line(op + " = " + start + ";");
    out.close("}");
    switch (guard.update()) {
      case NONE -> {}
      case SET_TRUE -> out.line(flag + " = true;");
      case SET_FALSE -> out.line(flag + " = false;");
      case TOGGLE -> out.line(flag + " = !" + flag + ";");
      case OPAQUE -> out.line(flag + " = " + CONDITION + ";");
    }
    out.close("}");
    out.line(op + ".drainInstances();");
    extraCloses.put(new CloseKey(guard, 1), out.line(op + ".close();"));
  }

  private void perIteration(Stmt.PerIteration each) {
    String start = Binding.OpKind.ENUMERATE.start(Binding.Synchrony.SYNC);
    String pending = "pending" + each.id();
    String user = "u" + each.id();
    if (each.acrossIterations()) {
      out.line("MiOperation " + pending + " = null;");
    }
    out.open("for (Identity " + user + " : users) {");
    out.open(
        "try (Impersonation as" + each.id() + " = SecurityContext.impersonate(" + user + ")) {");
    if (each.acrossIterations()) {
      out.open("if (" + pending + " != null) {");
      out.line(pending + ".drainInstances();");
      extraCloses.put(new CloseKey(each, 0), out.line(pending + ".close();"));
      out.close("}");
      out.line(pending + " = " + start + ";");
    } else {
      out.line("MiOperation " + pending + " = " + start + ";");
      out.line(pending + ".drainInstances();");
      extraCloses.put(new CloseKey(each, 0), out.line(pending + ".close();"));
    }
    out.close("}");
    out.close("}");
  }

  private void later(Stmt.LaterBlock later) {
    switch (later.later()) {
      case STORED_LAMBDA -> {
        out.open("Runnable later" + later.id() + " = () -> {");
        write(later.body());
        out.close("};");
        out.line("laters.add(later" + later.id() + ");");
      }
      case LOCAL_CLASS -> {
        out.open("class Later" + later.id() + " implements Runnable {");
        out.line("@Override");
        out.open("public void run() {");
        write(later.body());
        out.close("}");
        out.close("}");
        out.line("laters.add(new Later" + later.id() + "());");
      }
      case ANONYMOUS_CLASS -> {
        out.open("laters.add(new Runnable() {");
        out.line("@Override");
        out.open("public void run() {");
        write(later.body());
        out.close("}");
        out.close("});");
      }
    }
  }

  private void resource(Stmt.Resource resource) {
    kinds.put(resource.op(), resource.kind().results);
    String declaration =
        "MiOperation op"
            + resource.op()
            + " = "
            + resource.kind().start(resource.synchrony())
            + ")";
    if (resource.impersonation() != null) {
      out.line(
          "try (Impersonation i"
              + resource.scope()
              + " = SecurityContext.impersonate("
              + resource.impersonation().code
              + ");");
      closeLines.put(resource, out.line("    " + declaration + " {"));
    } else {
      closeLines.put(resource, out.line("try (" + declaration + " {"));
    }
    out.indent();
    write(resource.body());
    out.close("}");
  }

  private void drainLoop(Stmt.DrainLoop loop) {
    Binding.ResultKind kind = kinds.get(loop.op());
    String result = "r" + locals++;
    String retrieve = "op" + loop.op() + "." + kind.retrieve + "()";
    switch (loop.form()) {
      case DO_WHILE -> {
        out.line(kind.type + " " + result + ";");
        out.open("do {");
        guardIf(loop, true);
        out.line(result + " = " + retrieve + ";");
        guardIf(loop, false);
        out.close("} while (" + goOn(loop, result) + ");");
      }
      case MORE_FLAG -> {
        String more = "more" + locals++;
        out.line("boolean " + more + " = true;");
        out.open("while (" + more + ") {");
        guardIf(loop, true);
        out.line("var " + result + " = " + retrieve + ";");
        out.line(more + " = " + goOn(loop, result) + ";");
        guardIf(loop, false);
        out.close("}");
      }
      case WHILE_TRUE -> {
        out.open("while (true) {");
        guardIf(loop, true);
        out.line("var " + result + " = " + retrieve + ";");
        out.open(
            "if ("
                + (loop.condition() != null
                    ? formula(loop.condition(), result)
                    : last(result, loop.spelling()))
                + ") {");
        out.line("break;");
        out.close("}");
        guardIf(loop, false);
        out.close("}");
      }
    }
  }

  private static String goOn(Stmt.DrainLoop loop, String result) {
    return loop.condition() != null
        ? formula(loop.condition(), result)
        : more(result, loop.spelling());
  }

  /** A condition formula as Java, over result {@code result}. */
  static String formula(Stmt.Formula formula, String result) {
    if (formula instanceof Stmt.Formula.More) {
      return result + ".moreResults()";
    } else if (formula instanceof Stmt.Formula.Other) {
      return CONDITION;
    } else if (formula instanceof Stmt.Formula.Const c) {
      return String.valueOf(c.value());
    } else if (formula instanceof Stmt.Formula.Not n) {
      return "!(" + formula(n.operand(), result) + ")";
    } else if (formula instanceof Stmt.Formula.And a) {
      return "(" + formula(a.left(), result) + " && " + formula(a.right(), result) + ")";
    } else if (formula instanceof Stmt.Formula.Or o) {
      return "(" + formula(o.left(), result) + " || " + formula(o.right(), result) + ")";
    }
    Stmt.Formula.Ternary t = (Stmt.Formula.Ternary) formula;
    return "("
        + CONDITION
        + " ? "
        + formula(t.then(), result)
        + " : "
        + formula(t.otherwise(), result)
        + ")";
  }

  /** The ways of saying "more results follow" the checks understand. */
  private static String more(String result, int spelling) {
    return switch (spelling) {
      case 0 -> result + ".moreResults()";
      case 1 -> "hasMore(" + result + ")";
      case 2 -> "!isLast(" + result + ")";
      default -> "!(" + result + ".moreResults() == false)";
    };
  }

  /** The ways of saying "this is the final result" the checks understand. */
  private static String last(String result, int spelling) {
    return switch (spelling) {
      case 0 -> "!" + result + ".moreResults()";
      case 1 -> "isLast(" + result + ")";
      case 2 -> result + ".moreResults() == false";
      default -> "!hasMore(" + result + ")";
    };
  }

  private void guardIf(Stmt.DrainLoop loop, boolean first) {
    if (loop.jumpFirst() == first) {
      guard(loop.jump());
    }
  }

  private void switchStatement(Stmt.Switch statement) {
    out.open("switch (n.getAsInt()) {");
    List<List<Stmt>> cases = statement.cases();
    for (int i = 0; i < cases.size(); i++) {
      String label = i == cases.size() - 1 ? "default" : "case " + i;
      if (statement.arrows()) {
        out.open(label + " -> {");
        write(cases.get(i));
        out.close("}");
      } else {
        out.open(label + ":");
        write(cases.get(i));
        if (statement.breaks().get(i)) {
          out.line("break;");
        }
        out.dedent();
      }
    }
    out.close("}");
  }

  private void guard(Stmt.Jump jump) {
    if (jump != null) {
      out.open("if (" + CONDITION + ") {");
      out.line(jump.code());
      out.close("}");
    }
  }
}
