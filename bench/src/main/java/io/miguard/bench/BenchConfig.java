package io.miguard.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a benchmark run does, from system properties (the bench profile of bench/pom.xml sets them;
 * {@code -Dbench.iterations=...} and friends on the Maven command line override them).
 *
 * @param treesDirectory where the bench profile unpacked the real trees ({@code NAME/src}, and
 *     {@code NAME/lib} for their dependencies)
 * @param trees the tree directory names
 * @param suites which of {@code trees}, {@code mi}, {@code cold}, {@code scaling} to run
 * @param warmups rounds that only warm the workers up
 * @param iterations measured rounds
 * @param workerJvmArgs the worker JVMs' flags (the exports Error Prone needs, heap size)
 * @param errorProneJdkFlag the Error Prone flag of this JDK (see the parent pom)
 * @param report where the tables are written as Markdown, besides standard output
 */
record BenchConfig(
    Path treesDirectory,
    List<String> trees,
    Set<String> suites,
    int warmups,
    int iterations,
    List<String> workerJvmArgs,
    String errorProneJdkFlag,
    Path report) {

  /** The worker heap: fixed, so that heap growth is no part of any measurement. */
  private static final List<String> HEAP = List.of("-Xms3g", "-Xmx3g");

  static BenchConfig fromSystemProperties() {
    List<String> jvmArgs =
        new java.util.ArrayList<>(words(System.getProperty("miguard.bench.workerJvmArgs", "")));
    jvmArgs.addAll(HEAP);
    return new BenchConfig(
        Path.of(System.getProperty("miguard.bench.dir", "bench/target/bench")),
        words(System.getProperty("miguard.bench.trees", "").replace(',', ' ')),
        Set.copyOf(
            words(
                System.getProperty("miguard.bench.suites", "trees mi cold scaling")
                    .replace(',', ' '))),
        Integer.getInteger("miguard.bench.warmups", 1),
        Integer.getInteger("miguard.bench.iterations", 3),
        List.copyOf(jvmArgs),
        System.getProperty("errorprone.jdk.flag", "-XDcompilePolicy=simple"),
        Path.of(System.getProperty("miguard.bench.report", "bench/target/bench-report.md")));
  }

  boolean runs(String suite) {
    return suites.contains(suite);
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
  }
}
