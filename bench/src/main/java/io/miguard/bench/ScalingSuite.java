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
 * nesting and live operations. Flat means linear: the fastest and slowest size of a shape must stay
 * within 2x of each other.
 */
final class ScalingSuite {
  static final double FLATNESS_TARGET = 2.0;
  private static final Map<Shape, int[]> SIZES = new LinkedHashMap<>();

  static {
    SIZES.put(Shape.STATEMENTS, new int[] {10, 50, 100, 250, 500, 1000, 2000});
    SIZES.put(Shape.NESTING, new int[] {1, 2, 5, 10, 20, 30});
    SIZES.put(Shape.LIVE_OPERATIONS, new int[] {1, 10, 25, 50, 100, 200});
  }

  private ScalingSuite() {}

  static String run(Workers workers, BenchConfig config) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<Shape, int[]> shape : SIZES.entrySet()) {
      text.append(table(workers, config, shape.getKey(), shape.getValue())).append('\n');
    }
    return text.toString();
  }

  private static String table(Workers workers, BenchConfig config, Shape shape, int[] sizes)
      throws IOException {
    Table table =
        new Table(
            shape.label(),
            "statements per method",
            "statements compiled",
            "compile (EP + miguard)",
            "inside miguard",
            "µs per statement");
    List<Double> perStatement = new ArrayList<>();
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
        perStatement.add(micros);
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
    double spread =
        perStatement.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
            / perStatement.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    return table.render()
        + String.format(
            Locale.ROOT,
            "slowest / fastest per statement: %.2fx (target: at most %.1fx): %s%n",
            spread,
            FLATNESS_TARGET,
            spread <= FLATNESS_TARGET ? "holds" : "MISSED");
  }
}
