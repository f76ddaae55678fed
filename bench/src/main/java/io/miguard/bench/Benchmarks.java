package io.miguard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark command (README, "Performance"): prints the tables and the verdict of every target
 * ({@link Targets}) and writes them to the report file. Every figure is a median over measured
 * rounds, with the range: in warm worker JVMs, except the cold-process table.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws IOException {
    BenchConfig config = BenchConfig.fromSystemProperties();
    long start = System.nanoTime();
    StringBuilder report = new StringBuilder(environment(config));
    print(report, "");
    List<Verdict> verdicts = new ArrayList<>();
    try (Workers workers = Workers.start(config.workerJvmArgs(), config.errorProneJdkFlag())) {
      if (config.runs("trees")) {
        print(
            report,
            "### 1. Real code, no MI (target: inside miguard at most "
                + Targets.NO_MI_INSIDE_PERCENT
                + "% of the EP build)\n");
        verdicts.addAll(print(report, RealTreeSuite.run(workers, config)));
      }
      if (config.runs("mi")) {
        print(
            report,
            "### 2. MI-heavy generated code, warm compiler (target: miguard adds at most +"
                + (int) Targets.WARM_MI_HEAVY_PERCENT
                + "%, inside the checks and by paired wall clock)\n");
        verdicts.addAll(print(report, MiHeavySuite.run(workers, config)));
      }
      if (config.runs("cold")) {
        print(
            report,
            "### 3. MI-heavy generated code, a fresh javac process per compile (target: miguard"
                + " adds at most +"
                + (int) Targets.COLD_MI_HEAVY_PERCENT
                + "% by paired wall clock)\n");
        verdicts.addAll(print(report, ColdSuite.run(workers, config)));
      }
      if (config.runs("scaling")) {
        print(report, "### 4. Scaling: time inside the miguard checks per statement\n");
        verdicts.addAll(print(report, ScalingSuite.run(workers, config)));
      }
    }
    if (!verdicts.isEmpty()) {
      print(report, "### Verdicts\n");
      print(report, Targets.summary(verdicts));
    }
    print(
        report,
        String.format(Locale.ROOT, "Benchmark time: %.0f s%n", (System.nanoTime() - start) / 1e9));
    Files.createDirectories(config.report().toAbsolutePath().getParent());
    Files.writeString(config.report(), report, UTF_8);
    System.out.println("Report written to " + config.report());
  }

  private static List<Verdict> print(StringBuilder report, SuiteReport suite) {
    print(report, suite.text());
    return suite.verdicts();
  }

  private static void print(StringBuilder report, String text) {
    System.out.println(text);
    System.out.flush();
    report.append(text).append('\n');
  }

  private static String environment(BenchConfig config) {
    return String.format(
        Locale.ROOT,
        "JDK %s, Error Prone %s, %d cores; miguard checks: %s; %d warm-up and %d measured rounds"
            + " per cell; median (min–max)%n",
        Runtime.version(),
        errorProneVersion(),
        Runtime.getRuntime().availableProcessors(),
        String.join(", ", MiguardChecks.names()),
        config.warmups(),
        config.iterations());
  }

  /** From the error_prone_core jar's name on the class path. */
  private static String errorProneVersion() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).getFileName().toString())
        .filter(name -> name.startsWith("error_prone_core-") && name.endsWith(".jar"))
        .map(name -> name.substring("error_prone_core-".length(), name.length() - ".jar".length()))
        .findFirst()
        .orElse("?");
  }
}
