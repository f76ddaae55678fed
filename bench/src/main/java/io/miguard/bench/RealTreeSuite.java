package io.miguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Table 1: real code that never touches an operation handle (open-source trees from their Maven
 * Central sources jars), where miguard's fast path must keep its cost near zero. A miguard finding
 * here would be a false alarm, so it fails the run.
 */
final class RealTreeSuite {
  private RealTreeSuite() {}

  static SuiteReport run(Workers workers, BenchConfig config) throws IOException {
    List<Comparison> rows = new ArrayList<>();
    Table table = new Table(List.of("tree", "files", "lines"), Comparison.COLUMNS);
    for (String tree : config.trees()) {
      Path root = config.treesDirectory().resolve(tree);
      List<Path> sources = javaFiles(root.resolve("src"));
      if (sources.isEmpty()) {
        throw new IllegalStateException("no sources under " + root + ": run the bench profile");
      }
      List<String> classPath = jars(root.resolve("lib"));
      Comparison comparison =
          Comparison.run(workers, sources, classPath, config.warmups(), config.iterations());
      if (!comparison.findings().isEmpty()) {
        throw new IllegalStateException("false alarms on " + tree + ": " + comparison.findings());
      }
      rows.add(comparison);
      table.row(List.of(tree, sources.size(), lines(sources)), comparison.cells());
    }
    Verdict verdict = Targets.noMi(config.trees(), rows);
    return new SuiteReport(table.render() + "\n" + verdict.line() + "\n", List.of(verdict));
  }

  static List<Path> javaFiles(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.filter(path -> path.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static List<String> jars(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.list(directory)) {
      return paths.filter(path -> path.toString().endsWith(".jar")).map(Path::toString).toList();
    }
  }

  static long lines(List<Path> files) throws IOException {
    long lines = 0;
    for (Path file : files) {
      try (Stream<String> fileLines = Files.lines(file, java.nio.charset.StandardCharsets.UTF_8)) {
        lines += fileLines.count();
      } catch (java.io.UncheckedIOException notUtf8) {
        lines += Files.readAllLines(file, java.nio.charset.StandardCharsets.ISO_8859_1).size();
      }
    }
    return lines;
  }
}
