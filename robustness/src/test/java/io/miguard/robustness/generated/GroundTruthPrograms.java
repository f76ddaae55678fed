package io.miguard.robustness.generated;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates classes whose methods are bodies of the ground-truth language ({@link Stmt}), each with
 * the findings the checks must report in it ({@link PathExplorer}).
 */
final class GroundTruthPrograms {
  private static final String PARAMETERS =
      "(MiSession s, MiInstance keys, BooleanSupplier c, IntSupplier n, ExecutorService pool,"
          + " List<MiOperation> holder, List<Identity> users, java.io.Closeable res,"
          + " Runnable work, List<Runnable> laters)";

  private GroundTruthPrograms() {}

  /** The program of {@code seed}, as class {@code className} with a few methods. */
  static GeneratedProgram generate(String className, long seed) {
    Random random = new Random(seed);
    SourceBuilder out = new SourceBuilder();
    Binding.openClass(out, className);
    out.line("MiOperation last;");
    out.line("Object kept;");
    out.line("static boolean failing;");
    out.line("record Held(MiOperation op) {}");
    List<GeneratedProgram.Unit> units = new ArrayList<>();
    int methods = 2 + random.nextInt(5);
    for (int m = 0; m < methods; m++) {
      List<Stmt> body = StatementGenerator.body(random);
      out.line("");
      int first = out.open("void m" + m + PARAMETERS + " {");
      StatementRenderer renderer = new StatementRenderer(out);
      renderer.write(body);
      int last = out.close("}");
      Map<Stmt, Integer> closes = renderer.closeLines();
      Set<String> expected =
          PathExplorer.expectedFindings(body, closes, renderer.extraCloses(), className + ".java");
      TreeSet<Integer> closeLines = new TreeSet<>(closes.values());
      closeLines.addAll(renderer.extraCloses().values());
      units.add(new GeneratedProgram.Unit("m" + m, first, last, closeLines, expected));
    }
    out.line("");
    out.open("private static void readConfig() throws java.io.IOException {");
    out.open("if (failing) {");
    out.line("throw new java.io.IOException(\"config\");");
    out.close("}");
    out.close("}");
    out.line("");
    Binding.writeHelpers(out);
    out.close("}");
    return new GeneratedProgram(className, out.toString(), seed, units);
  }
}
