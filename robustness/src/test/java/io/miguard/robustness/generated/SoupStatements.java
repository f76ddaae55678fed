package io.miguard.robustness.generated;

import io.miguard.robustness.generated.Binding.Hop;
import io.miguard.robustness.generated.Binding.Ident;
import io.miguard.robustness.generated.Binding.OpKind;
import io.miguard.robustness.generated.Binding.Synchrony;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes random statements of the construct soup: the binding used inside every statement form of
 * the language, nested at random. A body sees {@code s} (a session), {@code keys}, {@code c} (an
 * opaque condition), {@code pool} (an executor), {@code k} (an int) and {@code obj}. Every line
 * that closes an operation (a close call or method reference, a try-with-resources declaration of
 * an operation) is marked in {@link #closeLines}: the only lines the checks may report.
 */
final class SoupStatements {
  private static final int MAX_DEPTH = 3;
  private static final String CONDITION = "c.getAsBoolean()";

  private final Random random;
  private final SourceBuilder out;
  private final boolean patternSwitch;
  private Set<Integer> closeLines;
  private int names;

  SoupStatements(Random random, SourceBuilder out, boolean patternSwitch) {
    this.random = random;
    this.out = out;
    this.patternSwitch = patternSwitch;
  }

  /** Writes a random body of about {@code size} statements; its closes go to {@code closes}. */
  void body(SoupScope scope, int size, Set<Integer> closes) {
    this.closeLines = closes;
    statements(scope, size);
  }

  private void statements(SoupScope scope, int size) {
    for (int i = 0; i < size; i++) {
      statement(scope);
    }
  }

  private void statement(SoupScope scope) {
    boolean deep = scope.depth >= MAX_DEPTH;
    int roll = random.nextInt(deep ? 40 : 100);
    if (roll < 12 || scope.ops.isEmpty() && roll < 40) {
      start(scope);
    } else if (roll < 30) {
      use(scope, pick(scope.ops));
    } else if (roll < 38) {
      close(scope, pick(scope.ops));
    } else if (roll < 40) {
      guardedJump(scope);
    } else {
      construct(scope);
    }
  }

  // ---- operations ----

  private void start(SoupScope scope) {
    String op = name("op");
    String type = random.nextInt(4) == 0 ? "var" : "MiOperation";
    switch (random.nextInt(6)) {
      case 0 ->
          out.line(
              type
                  + " "
                  + op
                  + " = "
                  + CONDITION
                  + " ? "
                  + startCall()
                  + " : "
                  + startCall()
                  + ";");
      case 1 -> {
        String query = name("query");
        out.line("String " + query + " =");
        out.indent();
        out.line("\"\"\"");
        out.line("SELECT Name, ProcessId");
        out.line("FROM Win32_Process");
        out.line("\"\"\";");
        out.dedent();
        out.line(type + " " + op + " = s.queryInstances(NS, \"WQL\", " + query + ");");
      }
      case 2 -> out.line("MiOperation " + op + " = same(" + startCall() + ");");
      default -> out.line(type + " " + op + " = " + startCall() + ";");
    }
    scope.ops.add(op);
  }

  private String startCall() {
    Synchrony synchrony =
        random.nextInt(5) == 0
            ? Synchrony.ASYNC
            : random.nextInt(4) == 0 ? Synchrony.SYNC_NULL_CALLBACKS : Synchrony.SYNC;
    return pick(OpKind.values()).start(synchrony);
  }

  private void use(SoupScope scope, String op) {
    switch (random.nextInt(16)) {
      case 0 -> out.line(op + ".getInstance();");
      case 14 -> borrowedRead(op);
      case 15 -> callbacksThatClose();
      case 1 -> {
        String r = name("r");
        out.line("InstanceResult " + r + ";");
        out.open("do {");
        out.line(r + " = " + op + ".getInstance();");
        maybeGuard(scope.loop(null));
        out.close("} while (" + r + ".moreResults());");
      }
      case 2 -> {
        out.open("while (true) {");
        String r = name("r");
        out.line("var " + r + " = " + op + ".getInstance();");
        out.open("if (!" + r + ".moreResults()) {");
        out.line("break;");
        out.close("}");
        maybeGuard(scope.loop(null));
        out.close("}");
      }
      case 3 -> out.line(op + ".drainInstances();");
      case 4 -> {
        out.open(
            "for ("
                + (random.nextBoolean() ? "var" : "MiInstance")
                + " "
                + name("m")
                + " : "
                + op
                + ".instances()) {");
        maybeGuard(scope.loop(null));
        out.close("}");
      }
      case 5 ->
          out.line(
              op
                  + ".cancel(CancellationReason."
                  + pick(new String[] {"NONE", "TIMEOUT", "SHUTDOWN", "SERVICE_STOP"})
                  + ");");
      case 6 ->
          out.line(
              "String "
                  + name("text")
                  + " = \"op \" + "
                  + op
                  + " + \" sync=\" + "
                  + op
                  + ".isSynchronous() + \", \" + "
                  + op
                  + ".drainInstances().size();");
      case 7 ->
          out.line(
              "assert " + op + ".isSynchronous() || " + CONDITION + " : \"async \" + " + op + ";");
      case 8 -> {
        String o = name("o");
        String p = name("p");
        out.line("Object " + o + " = " + op + ";");
        out.open("if (" + o + " instanceof MiOperation " + p + " && " + p + ".isSynchronous()) {");
        out.line(p + ".drainInstances();");
        closeLine(p + ".close();");
        out.close("}");
      }
      case 9 ->
          out.line(
              "int "
                  + name("n")
                  + " = "
                  + CONDITION
                  + " ? "
                  + op
                  + ".drainInstances().size() : 0;");
      case 10 -> {
        String list = name("list");
        out.line("List<MiOperation> " + list + " = new ArrayList<>(List.of(" + op + "));");
        out.open("for (MiOperation " + name("e") + " : " + list + ") {");
        SoupScope inner = scope.loop(null);
        statements(inner, 1);
        out.close("}");
      }
      case 11 -> {
        String x = name("x");
        closeLine(
            "List.of("
                + op
                + ").forEach("
                + (random.nextBoolean() ? "MiOperation::close" : x + " -> " + x + ".close()")
                + ");");
      }
      case 12 -> {
        String x = name("x");
        out.open("Optional.ofNullable(" + op + ").ifPresent(" + x + " -> {");
        SoupScope inner = scope.nestedBody(SoupScope.Returns.VOID);
        inner.ops.add(x);
        statements(inner, 1 + random.nextInt(2));
        out.close("});");
      }
      default -> {
        out.open("synchronized (LOCK) {");
        out.line(op + ".drainInstances();");
        statements(scope.block(), 1);
        out.close("}");
      }
    }
  }

  /**
   * An instance borrowed from a result, read (a call on it, passed on) after another retrieval or
   * not: the read lines are the only ones MiResultUsedAfterRetrieval may report.
   */
  private void borrowedRead(String op) {
    String r = name("r");
    String inst = name("inst");
    if (random.nextBoolean()) {
      out.line("InstanceResult " + r + " = " + op + ".getInstance();");
      out.line("MiInstance " + inst + " = " + r + ".instance();");
      if (random.nextBoolean()) {
        out.line(op + ".getInstance();");
      }
    } else {
      // The classic: keep one instance of the loop, read it after the loop.
      out.line("MiInstance " + inst + " = null;");
      out.line("InstanceResult " + r + ";");
      out.open("do {");
      out.line(r + " = " + op + ".getInstance();");
      out.open("if (" + r + ".instance() != null && " + CONDITION + ") {");
      out.line(inst + " = " + r + ".instance();");
      out.close("}");
      out.close("} while (" + r + ".moreResults());");
    }
    out.open("if (" + inst + " != null) {");
    out.line(
        random.nextBoolean()
            ? "Object " + name("v") + " = " + inst + ".get(\"Name\");"
            : "String " + name("v") + " = String.valueOf(" + inst + ");");
    out.close("}");
  }

  /**
   * Asynchronous callbacks (a lambda) that close their operation and, at random, the session: the
   * session's close is the only line MiCloseInCallback may report.
   */
  private void callbacksThatClose() {
    String o = name("o");
    String r = name("r");
    out.open(
        "s.enumerateInstances(NS, \"Win32_Process\", MiOperationCallbacks.onInstance(("
            + o
            + ", "
            + r
            + ", "
            + name("ack")
            + ") -> {");
    out.open("if (!" + r + ".moreResults()) {");
    closeLine(o + ".close();");
    if (random.nextBoolean()) {
      out.line("s.close();");
    }
    out.close("}");
    out.close("}));");
  }

  private void close(SoupScope scope, String op) {
    Ident identity = pick(Ident.values());
    switch (random.nextInt(9)) {
      case 0 -> closeLine("pool.execute(() -> " + op + ".close());");
      case 1 -> closeLine("pool.submit(" + op + "::close);");
      case 2 -> closeLine("new Thread(" + op + "::close).start();");
      case 3 -> closeLine("CompletableFuture.runAsync(() -> " + op + ".close());");
      case 4 ->
          closeLine("SecurityContext.runAs(" + identity.code + ", () -> " + op + ".close());");
      case 5 -> closeLine("SecurityContext.runAs(" + identity.code + ", " + op + "::close);");
      case 6 -> {
        closeLine("try (" + op + ") {");
        out.indent();
        statements(scope.block(), 1);
        out.close("}");
      }
      default -> closeLine(op + ".close();");
    }
  }

  private void closeLine(String code) {
    closeLines.add(out.line(code));
  }

  private void guardedJump(SoupScope scope) {
    List<String> jumps = scope.jumps();
    if (!jumps.isEmpty()) {
      out.open("if (" + CONDITION + ") {");
      out.line(jumps.get(random.nextInt(jumps.size())));
      out.close("}");
    }
  }

  private void maybeGuard(SoupScope scope) {
    if (random.nextBoolean()) {
      guardedJump(scope);
    }
  }

  // ---- constructs ----

  private void construct(SoupScope scope) {
    int size = 1 + random.nextInt(scope.depth == 0 ? 3 : 2);
    switch (random.nextInt(24)) {
      case 0 -> resources(scope, size);
      case 1 -> tryCatchFinally(scope, size);
      case 2 -> {
        out.open("if (" + CONDITION + ") {");
        statements(scope.block(), size);
        out.reopen("} else if (k > 1) {");
        statements(scope.block(), 1);
        out.reopen("} else {");
        statements(scope.block(), 1);
        out.close("}");
      }
      case 3 -> loop(scope, size);
      case 4 -> labelledLoops(scope, size);
      case 5 -> switchStatement(scope, size);
      case 6 -> arrowSwitch(scope, size);
      case 7 -> switchExpression(scope, size);
      case 8 -> patterns(scope, size);
      case 9 -> sameThreadLambda(scope, size);
      case 10, 11 -> hop(scope, size);
      case 12 -> runAs(scope, size);
      case 13 -> anonymousClass(scope, size);
      case 14 -> localClass(scope, size);
      case 15 -> localRecord(scope);
      case 16 -> {
        String i = name("i");
        out.open(
            "try (Impersonation "
                + i
                + " = SecurityContext.impersonate("
                + pick(Ident.values()).code
                + ")) {");
        statements(scope.block(), size);
        out.close("}");
      }
      case 17 -> {
        String i = name("i");
        out.line(
            "Impersonation "
                + i
                + " = SecurityContext.impersonate("
                + pick(Ident.values()).code
                + ");");
        statements(scope.block(), size);
        out.line(i + ".close();");
      }
      case 18 -> {
        out.open("synchronized (LOCK) {");
        statements(scope.block(), size);
        out.close("}");
      }
      case 19 -> {
        String supplier = name("supplier");
        String op = name("op");
        out.line("Supplier<MiOperation> " + supplier + " = () -> " + startCall() + ";");
        closeLine("try (MiOperation " + op + " = " + supplier + ".get()) {");
        out.indent();
        SoupScope inner = scope.block();
        inner.ops.add(op);
        statements(inner, size);
        out.close("}");
      }
      case 20 -> {
        String count = name("count");
        out.line("int " + count + " = 0;");
        out.open("do {");
        statements(scope.loop(null), size);
        out.close("} while (++" + count + " < k && " + CONDITION + ");");
      }
      case 21 -> {
        out.open("for (String " + name("w") + " : List.of(\"a\", \"b\")) {");
        statements(scope.loop(null), size);
        out.close("}");
      }
      default -> statements(scope.block(), 1);
    }
  }

  private void resources(SoupScope scope, int size) {
    int count = 1 + random.nextInt(3);
    SoupScope inner = scope.block();
    for (int r = 0; r < count; r++) {
      String prefix = r == 0 ? "try (" : "    ";
      String suffix = r == count - 1 ? ") {" : ";";
      if (random.nextInt(3) == 0) {
        out.line(
            prefix
                + "Impersonation "
                + name("i")
                + " = SecurityContext.impersonate("
                + pick(Ident.values()).code
                + ")"
                + suffix);
      } else {
        String op = name("op");
        closeLine(prefix + "MiOperation " + op + " = " + startCall() + suffix);
        inner.ops.add(op);
      }
    }
    out.indent();
    statements(inner, size);
    if (random.nextBoolean()) {
      out.reopen("} catch (MiException " + name("e") + ") {");
      statements(scope.block(), 1);
    }
    if (random.nextBoolean()) {
      out.reopen("} finally {");
      statements(scope.block(), 1);
    }
    out.close("}");
  }

  private void tryCatchFinally(SoupScope scope, int size) {
    out.open("try {");
    statements(scope.block(), size);
    out.reopen("} catch (IllegalStateException | MiException " + name("e") + ") {");
    statements(scope.block(), 1);
    out.reopen("} finally {");
    out.open("try {");
    statements(scope.block(), 1);
    out.reopen("} finally {");
    statements(scope.block(), 1);
    out.close("}");
    out.close("}");
  }

  private void loop(SoupScope scope, int size) {
    switch (random.nextInt(3)) {
      case 0 -> out.open("while (" + CONDITION + ") {");
      case 1 -> {
        String i = name("i");
        out.open("for (int " + i + " = 0; " + i + " < k; " + i + "++) {");
      }
      default -> out.open("for (;" + CONDITION + ";) {");
    }
    statements(scope.loop(null), size);
    out.close("}");
  }

  private void labelledLoops(SoupScope scope, int size) {
    String outer = name("OUTER");
    String inner = name("INNER");
    out.open(outer + ":");
    out.open("for (int " + name("i") + " = 0; " + CONDITION + "; ) {");
    SoupScope outerScope = scope.loop(outer);
    statements(outerScope, 1);
    out.open(inner + ":");
    out.open("while (" + CONDITION + ") {");
    SoupScope innerScope = outerScope.loop(inner);
    statements(innerScope, size);
    out.open("if (" + CONDITION + ") {");
    out.line("continue " + outer + ";");
    out.close("}");
    out.close("}");
    out.dedent();
    out.close("}");
    out.dedent();
  }

  private void switchStatement(SoupScope scope, int size) {
    out.open("switch (k) {");
    out.line("case 0:");
    out.indent();
    statements(scope.switchCase(), size);
    out.line("break;");
    out.dedent();
    out.line("case 1:");
    out.line("case 2:");
    out.open("{");
    statements(scope.switchCase(), 1);
    out.close("}");
    out.line("// fall through");
    out.line("default:");
    out.indent();
    statements(scope.switchCase(), 1);
    out.dedent();
    out.close("}");
  }

  private void arrowSwitch(SoupScope scope, int size) {
    out.open("switch (k) {");
    out.open("case 0 -> {");
    statements(scope.switchCase(), size);
    out.close("}");
    if (!scope.ops.isEmpty()) {
      out.line("case 1, 2 -> " + pick(scope.ops) + ".drainInstances();");
    }
    out.open("default -> {");
    statements(scope.switchCase(), 1);
    out.close("}");
    out.close("}");
  }

  private void switchExpression(SoupScope scope, int size) {
    String value = name("v");
    out.open("int " + value + " = switch (k) {");
    boolean arrows = random.nextBoolean();
    if (arrows) {
      out.line("case 0 -> 1;");
      out.open("case 1 -> {");
    } else {
      out.line("case 0:");
      out.line("  yield 1;");
      out.line("case 1:");
      out.open("case 2: {");
    }
    statements(scope.nestedBody(SoupScope.Returns.NONE), size);
    out.line("yield 2;");
    out.close("}");
    out.open(arrows ? "default -> {" : "default: {");
    statements(scope.nestedBody(SoupScope.Returns.NONE), 1);
    out.line("yield 4;");
    out.close("}");
    out.close("};");
  }

  private void patterns(SoupScope scope, int size) {
    String shape = name("shape");
    String op = scope.ops.isEmpty() ? null : pick(scope.ops);
    out.line(
        "Shape "
            + shape
            + " = "
            + (op == null ? "new Empty()" : CONDITION + " ? new Box(" + op + ") : new Empty()")
            + ";");
    if (patternSwitch) {
      String inner = name("inner");
      out.open("switch (" + shape + ") {");
      out.open("case Box(MiOperation " + inner + ") when " + inner + ".isSynchronous() -> {");
      out.line(inner + ".drainInstances();");
      closeLine(inner + ".close();");
      out.close("}");
      String other = name("inner");
      out.open("case Box(var " + other + ") -> {");
      SoupScope boxScope = scope.switchCase();
      boxScope.ops.add(other);
      statements(boxScope, size);
      out.close("}");
      out.open("case Empty " + name("e") + " -> {");
      statements(scope.switchCase(), 1);
      out.close("}");
      out.close("}");
      String o = name("o");
      out.line("Object " + o + " = " + (op == null ? "obj" : op) + ";");
      String p = name("p");
      out.open("String " + name("d") + " = switch (" + o + ") {");
      out.line("case MiOperation " + p + " when " + p + ".isSynchronous() -> \"sync\";");
      String q = name("p");
      out.open("case MiOperation " + q + " -> {");
      closeLine(q + ".close();");
      out.line("yield \"async\";");
      out.close("}");
      out.line("case String " + name("t") + " -> \"text\";");
      out.line("default -> \"other\";");
      out.close("};");
    } else {
      String box = name("box");
      out.open(
          "if (" + shape + " instanceof Box " + box + " && !(" + shape + " instanceof Empty)) {");
      closeLine(box + ".op().close();");
      out.close("}");
    }
  }

  private void sameThreadLambda(SoupScope scope, int size) {
    String x = name("x");
    switch (random.nextInt(3)) {
      case 0 -> out.open("List.of(1, 2).forEach(" + x + " -> {");
      case 1 -> out.open("Map.of(\"a\", 1).forEach((" + x + ", " + name("y") + ") -> {");
      default -> out.open("Optional.of(k).ifPresent(" + x + " -> {");
    }
    statements(scope.nestedBody(SoupScope.Returns.VOID), size);
    out.close("});");
  }

  private void hop(SoupScope scope, int size) {
    if (random.nextInt(3) == 0) {
      out.open("Future<Integer> " + name("f") + " = pool.submit(() -> {");
      statements(scope.nestedBody(SoupScope.Returns.VALUE), size);
      out.line("return 1;");
      out.close("});");
      return;
    }
    Hop hop = pick(Hop.values());
    out.open(hop.open);
    statements(scope.nestedBody(SoupScope.Returns.VOID), size);
    out.close(hop.close);
  }

  private void runAs(SoupScope scope, int size) {
    String identity = pick(Ident.values()).code;
    if (random.nextBoolean()) {
      out.open("SecurityContext.runAs(" + identity + ", () -> {");
      statements(scope.nestedBody(SoupScope.Returns.VOID), size);
      out.close("});");
    } else {
      out.open("int " + name("n") + " = SecurityContext.runAs(" + identity + ", () -> {");
      statements(scope.nestedBody(SoupScope.Returns.VALUE), size);
      out.line("return 1;");
      out.close("});");
    }
  }

  private void anonymousClass(SoupScope scope, int size) {
    boolean handed = random.nextBoolean();
    out.open((handed ? "pool.execute(" : "") + "new Runnable() {");
    out.line("@Override");
    out.open("public void run() {");
    statements(scope.nestedBody(SoupScope.Returns.VOID), size);
    out.close("}");
    out.close(handed ? "});" : "}.run();");
  }

  private void localClass(SoupScope scope, int size) {
    String name = name("Local");
    out.open("class " + name + " {");
    out.open("void go() {");
    statements(scope.nestedBody(SoupScope.Returns.VOID), size);
    out.close("}");
    out.close("}");
    out.line(
        random.nextBoolean()
            ? "new " + name + "().go();"
            : "pool.execute(() -> new " + name + "().go());");
  }

  private void localRecord(SoupScope scope) {
    String name = name("Pair");
    String pair = name("pair");
    out.line("record " + name + "(MiOperation op, int n) {}");
    out.line(name + " " + pair + " = new " + name + "(" + startCall() + ", k);");
    if (random.nextBoolean()) {
      closeLine(pair + ".op().close();");
    }
  }

  // ---- names and choices ----

  private String name(String prefix) {
    return prefix + names++;
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private <T> T pick(T[] items) {
    return items[random.nextInt(items.length)];
  }
}
