package io.miguard.robustness.generated;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Generates classes that use the binding in every body a class can hold (methods, constructors,
 * instance and static initialisers, field initialisers, inner and nested generic classes, records
 * with compact constructors) and, inside them, in every statement form ({@link SoupStatements}).
 * The generator knows no ground truth, only where each body is and which lines close operations.
 */
final class ConstructSoup {
  /** Every name a soup body may use, and how a body without them declares it. */
  private static final String[][] LOCALS = {
    {"s", "MiSession s = shared;"},
    {"keys", "MiInstance keys = sharedKeys;"},
    {"c", "BooleanSupplier c = flag;"},
    {"pool", "ExecutorService pool = workers;"},
    {"k", "int k = 1;"},
    {"obj", "Object obj = shared;"},
  };

  private static final String PARAMETERS =
      "MiSession s, MiInstance keys, BooleanSupplier c, ExecutorService pool, int k, Object obj";

  /**
   * The lines each check of the rest of the protocol may report in the soup, by what the line does:
   * a start call or a session close (an operation left open, a session closed over one), a
   * retrieval (from an asynchronous operation), a read of a borrowed instance ({@code inst} names
   * hold only those), a close of the session (in a callback).
   */
  private static final Map<String, Pattern> PROTOCOL_LINES =
      Map.of(
          "MiOperationNotClosed", Pattern.compile("\\bs\\.\\w+\\("),
          "MiRetrievalOnAsyncOperation",
              Pattern.compile(
                  "\\.(getInstance|getIndication|getCimClass|drain\\w+|instances)\\(\\)"),
          "MiResultUsedAfterRetrieval", Pattern.compile("\\binst\\d+[.)]"),
          "MiCloseInCallback", Pattern.compile("\\bs\\.close\\(\\)"));

  private final Random random;
  private final SourceBuilder out = new SourceBuilder();
  private final SoupStatements statements;
  private final List<GeneratedProgram.Unit> units = new ArrayList<>();
  private int names;

  private ConstructSoup(Random random) {
    this.random = random;
    this.statements = new SoupStatements(random, out, ProgramCompilation.release() >= 21);
  }

  /**
   * Whether {@code check} (one of the protocol checks) may report on the soup line {@code line}.
   */
  static boolean mayReport(String check, String line) {
    Pattern allowed = PROTOCOL_LINES.get(check);
    return allowed != null && allowed.matcher(line).find();
  }

  /** The program of {@code seed}, as class {@code className}. */
  static GeneratedProgram generate(String className, long seed) {
    ConstructSoup soup = new ConstructSoup(new Random(seed));
    soup.writeClass(className);
    return new GeneratedProgram(className, soup.out.toString(), seed, soup.units);
  }

  private void writeClass(String className) {
    Binding.openClass(out, className);
    out.line("static final Object LOCK = new Object();");
    out.line("static MiSession shared;");
    out.line("static MiInstance sharedKeys;");
    out.line("static BooleanSupplier flag = () -> true;");
    out.line("static ExecutorService workers = ForkJoinPool.commonPool();");
    out.line("");
    out.line("sealed interface Shape permits Box, Empty {}");
    out.line("record Box(MiOperation op) implements Shape {}");
    out.line("record Empty() implements Shape {}");
    out.line("");
    out.open("private static <T> T same(T value) {");
    out.line("return value;");
    out.close("}");

    if (random.nextInt(3) == 0) {
      unit("static initialiser", "static {", "}", Set.of(), SoupScope.Returns.NONE, null);
    }
    if (random.nextInt(3) == 0) {
      unit("instance initialiser", "{", "}", Set.of(), SoupScope.Returns.NONE, null);
    }
    if (random.nextInt(3) == 0) {
      unit(
          "field initialiser",
          "private final Runnable " + name("task") + " = () -> {",
          "};",
          Set.of(),
          SoupScope.Returns.VOID,
          null);
    }
    if (random.nextInt(3) == 0) {
      String count = name("count");
      out.line("private final int " + count + " = " + count + "(shared);");
      unit(
          count,
          "private static int " + count + "(MiSession s) {",
          "}",
          Set.of("s"),
          SoupScope.Returns.VALUE,
          "return 0;");
    }
    if (random.nextBoolean()) {
      unit("constructor", className + "() {", "}", Set.of(), SoupScope.Returns.VOID, null);
    }
    int methods = 1 + random.nextInt(3);
    for (int m = 0; m < methods; m++) {
      unit(
          "m" + m,
          "void m" + m + "(" + PARAMETERS + ") {",
          "}",
          all(),
          SoupScope.Returns.VOID,
          null);
    }
    if (random.nextInt(3) == 0) {
      out.open("class " + name("Inner") + " {");
      unit(
          "inner class",
          "void work(" + PARAMETERS + ") {",
          "}",
          all(),
          SoupScope.Returns.VOID,
          null);
      out.close("}");
    }
    if (random.nextInt(3) == 0) {
      out.open("static final class " + name("Nested") + "<T extends AutoCloseable> {");
      out.line("private T value;");
      unit(
          "nested generic class",
          "<R> R work(" + PARAMETERS + ", R fallback) {",
          "}",
          all(),
          SoupScope.Returns.NONE,
          "return fallback;");
      out.close("}");
    }
    if (random.nextInt(3) == 0) {
      String record = name("Query");
      out.open("record " + record + "(MiSession s, int k) {");
      unit(
          "compact constructor",
          record + " {",
          "}",
          Set.of("s", "k"),
          SoupScope.Returns.NONE,
          null);
      unit(
          "record method",
          "void run(MiInstance keys, BooleanSupplier c, ExecutorService pool," + " Object obj) {",
          "}",
          all(),
          SoupScope.Returns.VOID,
          null);
      out.close("}");
    }
    out.close("}");
  }

  /**
   * Writes one body holder: its header, the declarations of the names it lacks, a random body and
   * its end, and records it as a unit.
   */
  private void unit(
      String name,
      String header,
      String end,
      Set<String> declared,
      SoupScope.Returns returns,
      String last) {
    int first = out.open(header);
    for (String[] local : LOCALS) {
      if (!declared.contains(local[0])) {
        out.line(local[1]);
      }
    }
    Set<Integer> closes = new TreeSet<>();
    statements.body(SoupScope.body(returns), 2 + random.nextInt(4), closes);
    if (last != null) {
      out.line(last);
    }
    int lastLine = out.close(end);
    units.add(new GeneratedProgram.Unit(name, first, lastLine, closes, null));
  }

  private static Set<String> all() {
    Set<String> names = new TreeSet<>();
    for (String[] local : LOCALS) {
      names.add(local[0]);
    }
    return names;
  }

  private String name(String prefix) {
    return prefix + names++;
  }
}
