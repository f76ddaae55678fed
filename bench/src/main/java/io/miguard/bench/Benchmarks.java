package io.miguard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The benchmark command (README, "Performance"): prints the three tables and writes them to the
 * report file. Every figure is a median over measured rounds in warm worker JVMs, with the range.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws IOException {
    BenchConfig config = BenchConfig.fromSystemProperties();
    long start = System.nanoTime();
    StringBuilder report = new StringBuilder(environment(config));
    print(report, "");
    try (Workers workers = Workers.start(config.workerJvmArgs(), config.errorProneJdkFlag())) {
      if (config.runs("trees")) {
        print(
            report,
            "### 1. Real code, no MI (targets: miguard overhead at most +"
                + RealTreeSuite.TARGET_PERCENT
                + "%)\n");
        print(report, RealTreeSuite.run(workers, config));
      }
      if (config.runs("mi")) {
        print(
            report,
            "### 2. MI-heavy generated code (target: miguard overhead at most +"
                + MiHeavySuite.TARGET_PERCENT
                + "%)\n");
        print(report, MiHeavySuite.run(workers, config));
      }
      if (config.runs("scaling")) {
        print(report, "### 3. Scaling: time inside the miguard checks per statement\n");
        print(report, ScalingSuite.run(workers, config));
      }
    }
    print(
        report,
        String.format(Locale.ROOT, "Benchmark time: %.0f s%n", (System.nanoTime() - start) / 1e9));
    Files.createDirectories(config.report().toAbsolutePath().getParent());
    Files.writeString(config.report(), report, UTF_8);
    System.out.println("Report written to " + config.report());
  }

  private static void print(StringBuilder report, String text) {
    System.out.println(text);
    System.out.flush();
    report.append(text).append('\n');
  }

  private static String environment(BenchConfig config) {
    return String.format(
        Locale.ROOT,
        "JDK %s, Error Prone %s, %d cores; %d warm-up and %d measured rounds per cell;"
            + " median (min–max)%n",
        Runtime.version(),
        errorProneVersion(),
        Runtime.getRuntime().availableProcessors(),
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
