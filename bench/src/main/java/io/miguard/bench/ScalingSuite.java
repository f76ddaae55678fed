package io.miguard.bench;

import io.miguard.bench.ScalingGenerator.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table 3: the time inside the miguard checks per statement, for single methods that grow in size,
 * nesting and live operations. Each table shows how far apart its slowest and fastest sizes are;
 * the method-size table is judged against {@link Targets#methodSize}.
 */
final class ScalingSuite {
  private static final Map<Shape, int[]> SIZES = new LinkedHashMap<>();

  static {
    SIZES.put(Shape.STATEMENTS, new int[] {10, 50, 100, 250, 500, 1000, 2000});
    SIZES.put(Shape.NESTING, new int[] {1, 2, 5, 10, 20, 30});
    SIZES.put(Shape.LIVE_OPERATIONS, new int[] {1, 10, 25, 50, 100, 200});
  }

  private ScalingSuite() {}

  static SuiteReport run(Workers workers, BenchConfig config) throws IOException {
    StringBuilder text = new StringBuilder();
    List<Verdict> verdicts = new ArrayList<>();
    for (Map.Entry<Shape, int[]> shape : SIZES.entrySet()) {
      SuiteReport table = table(workers, config, shape.getKey(), shape.getValue());
      text.append(table.text()).append('\n');
      verdicts.addAll(table.verdicts());
    }
    return new SuiteReport(text.toString(), verdicts);
  }

  private static SuiteReport table(Workers workers, BenchConfig config, Shape shape, int[] sizes)
      throws IOException {
    Table table =
        new Table(
            shape.label(),
            "statements per method",
            "statements compiled",
            "compile (EP + miguard)",
            "inside miguard",
            "µs per statement");
    Map<Integer, Double> perStatement = new LinkedHashMap<>();
    for (int size : sizes) {
      Path root = Files.createTempDirectory("miguard-bench-scaling");
      try {
        GeneratedSources generated = ScalingGenerator.generate(root, shape, size);
        Samples wall = new Samples();
        Samples inside = new Samples();
        for (int round = 0; round < config.warmups() + config.iterations(); round++) {
          CompileResult result =
              workers.compile(
                  Configuration.ERROR_PRONE_MIGUARD,
                  generated.files(),
                  MiHeavySuite.bindingClassPath());
          MiHeavySuite.requireSame(generated.expectedFindings(), result.findings());
          if (round >= config.warmups()) {
            wall.add(result.wallNanos() / 1e9);
            inside.add(result.miguardNanos() / 1e9);
          }
        }
        double micros = inside.median() * 1e6 / generated.statements();
        perStatement.put(size, micros);
        table.row(
            size,
            ScalingGenerator.statementsOf(shape, size),
            generated.statements(),
            wall.seconds(),
            inside.milliseconds(),
            String.format(Locale.ROOT, "%.2f", micros));
      } finally {
        Workers.deleteRecursively(root);
      }
    }
    String text =
        table.render()
            + String.format(
                Locale.ROOT, "slowest / fastest per statement: %.2fx%n", spread(perStatement));
    if (shape == Shape.STATEMENTS) {
      Verdict verdict =
          Targets.methodSize(
              perStatement.get(Targets.METHOD_SIZE_REFERENCE),
              perStatement.get(Targets.METHOD_SIZE_LARGEST));
      return new SuiteReport(text + verdict.line() + "\n", List.of(verdict));
    }
    return new SuiteReport(text, List.of());
  }

  private static double spread(Map<Integer, Double> perStatement) {
    return perStatement.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow()
        / perStatement.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }
}
