package io.miguard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one class per (shape, size): copies of a single correct method whose size, nesting or
 * number of live operations grows with {@code size}. Enough copies that every file holds about the
 * same number of statements, so the time per statement compares sizes, not file overheads.
 */
final class ScalingGenerator {
  static final String PACKAGE = "bench.scaling";
  private static final int STATEMENTS_PER_FILE = 4000;

  /** What grows. */
  enum Shape {
    /** Straight-line code: a run of operations, each started, drained in a loop and closed. */
    STATEMENTS("statements in one method"),
    /** Loops, try blocks and labelled loops nested {@code size} deep around an operation. */
    NESTING("nesting depth"),
    /** {@code size} operations started, then all drained, then all closed. */
    LIVE_OPERATIONS("operations live at once");

    private final String label;

    Shape(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  private ScalingGenerator() {}

  static GeneratedSources generate(Path root, Shape shape, int size) throws IOException {
    String className = "Scaling" + shape.name().replace("_", "") + size;
    SourceWriter out = new SourceWriter(className + ".java");
    out.lines(
        "package " + PACKAGE + ";",
        "",
        "import io.miguard.mi.MiInstance;",
        "import io.miguard.mi.MiOperation;",
        "import io.miguard.mi.MiSession;",
        "",
        "final class " + className + " {",
        "  private static final String NS = \"root/cimv2\";");
    int perMethod = statementsOf(shape, size);
    int copies = Math.max(1, STATEMENTS_PER_FILE / perMethod);
    for (int copy = 0; copy < copies; copy++) {
      out.lines(
          "", "  int method" + copy + "(MiSession session, int limit) {", "    int total = 0;");
      switch (shape) {
        case STATEMENTS -> straightLine(out, size - 2);
        case NESTING -> nested(out, size);
        case LIVE_OPERATIONS -> liveOperations(out, size);
      }
      out.lines("    return total;", "  }");
    }
    out.lines("}");
    Path file = out.writeTo(root.resolve(PACKAGE.replace('.', '/')));
    return new GeneratedSources(List.of(file), out.expectedFindings(), (long) copies * perMethod);
  }

  /** Statements in one method of this shape and size, counting nested ones. */
  static int statementsOf(Shape shape, int size) {
    return switch (shape) {
      case STATEMENTS -> Math.max(size, 2);
      case NESTING -> {
        // total/return, the outer operation's start, drain and close, the innermost block.
        int statements = 2 + 3 + INNERMOST_STATEMENTS;
        for (int level = 1; level <= size; level++) {
          statements += statementsAtLevel(level);
        }
        yield statements;
      }
      case LIVE_OPERATIONS -> 2 + 3 * size;
    };
  }

  private static final int BLOCK_STATEMENTS = 8;

  private static void straightLine(SourceWriter out, int statements) {
    int block = 0;
    for (; statements >= BLOCK_STATEMENTS; statements -= BLOCK_STATEMENTS, block++) {
      String op = "op" + block;
      String n = "n" + block;
      out.lines(
          "    MiOperation "
              + op
              + " = session.enumerateInstances(NS, \"Class"
              + block % 5
              + "\");",
          "    int " + n + " = 0;",
          "    for (MiInstance x : " + op + ".instances()) {",
          "      " + n + " += x.className().length();",
          "    }",
          "    if (" + n + " > limit) {",
          "      total += " + n + ";",
          "    } else {",
          "      total -= 1;",
          "    }",
          "    " + op + ".close();");
    }
    for (int i = 0; i < statements; i++) {
      out.lines("    total += " + i + ";");
    }
  }

  /** The try-with-resources, its loop and the loop's body. */
  private static final int INNERMOST_STATEMENTS = 3;

  /**
   * The statements {@link #nested} writes at one level: {@code total += level} and the construct,
   * plus a catch's or finally's statement, or a labelled loop's label, test and break.
   */
  private static int statementsAtLevel(int level) {
    return switch (level % 5) {
      case 1, 3 -> 2;
      case 2, 4 -> 3;
      default -> 5;
    };
  }

  /**
   * An operation started outside the nest, drained after it; each level adds a construct and one
   * statement; the innermost level runs its own operation in a try-with-resources.
   */
  private static void nested(SourceWriter out, int depth) {
    out.lines("    MiOperation outer = session.enumerateInstances(NS, \"Outer\");");
    StringBuilder closing = new StringBuilder();
    for (int level = 1; level <= depth; level++) {
      String indent = "    " + "  ".repeat(level - 1);
      out.lines(indent + "total += " + level + ";");
      switch (level % 5) {
        case 1 -> {
          out.lines(
              indent + "for (int i" + level + " = 0; i" + level + " < limit; i" + level + "++) {");
          closing.insert(0, indent + "}\n");
        }
        case 2 -> {
          out.lines(indent + "try {");
          closing.insert(
              0,
              indent
                  + "} catch (RuntimeException e"
                  + level
                  + ") {\n"
                  + indent
                  + "  total--;\n"
                  + indent
                  + "}\n");
        }
        case 3 -> {
          out.lines(indent + "while (total < limit * " + level + ") {");
          closing.insert(0, indent + "}\n");
        }
        case 4 -> {
          out.lines(indent + "try {");
          closing.insert(0, indent + "} finally {\n" + indent + "  total++;\n" + indent + "}\n");
        }
        default -> {
          out.lines(
              indent + "level" + level + ":",
              indent + "for (int j" + level + " = 0; j" + level + " < 3; j" + level + "++) {");
          closing.insert(
              0,
              indent
                  + "  if (total > limit) {\n"
                  + indent
                  + "    break level"
                  + level
                  + ";\n"
                  + indent
                  + "  }\n"
                  + indent
                  + "}\n");
        }
      }
    }
    String indent = "    " + "  ".repeat(depth);
    out.lines(
        indent + "try (MiOperation inner = session.enumerateInstances(NS, \"Inner\")) {",
        indent + "  for (MiInstance x : inner.instances()) {",
        indent + "    total += x.className().length();",
        indent + "  }",
        indent + "}");
    out.lines(closing.toString().stripTrailing());
    out.lines("    total += outer.drainInstances().size();", "    outer.close();");
  }

  private static void liveOperations(SourceWriter out, int operations) {
    for (int i = 0; i < operations; i++) {
      out.lines(
          "    MiOperation op" + i + " = session.enumerateInstances(NS, \"Class" + i + "\");");
    }
    for (int i = 0; i < operations; i++) {
      out.lines("    total += op" + i + ".drainInstances().size();");
    }
    for (int i = operations - 1; i >= 0; i--) {
      out.lines("    op" + i + ".close();");
    }
  }
}
