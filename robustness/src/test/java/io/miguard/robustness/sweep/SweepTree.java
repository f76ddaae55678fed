package io.miguard.robustness.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One real source tree of the sweep, as the build lays it out: {@code DIR/NAME/src} holds the
 * unpacked sources jar and {@code DIR/NAME/lib} (optional) the jars of its compile dependencies.
 *
 * @param name the tree's artifact and version, as the build names its directory
 * @param sources the tree's {@code .java} files, sorted
 * @param classPath the tree's compile dependencies
 * @param binaries the tree's own jar ({@code DIR/NAME/bin}), against which a part of its sources
 *     compiles
 * @param exceptionalPaths whether MiCloseBeforeDrain runs with {@code ExceptionalPaths=true}
 */
record SweepTree(
    String name,
    List<Path> sources,
    List<Path> classPath,
    List<Path> binaries,
    boolean exceptionalPaths) {

  /**
   * The trees the build prepared: system property {@code miguard.sweep.trees} names them (comma
   * separated) under {@code miguard.sweep.dir}, and {@code miguard.sweep.exceptionalPaths} names
   * those that run with exceptional paths on. A named tree whose directory is missing is an error,
   * so that a broken set-up cannot shrink the sweep silently.
   */
  static List<SweepTree> fromSystemProperties() {
    Path dir = Path.of(required("miguard.sweep.dir"));
    Set<String> exceptional = names(System.getProperty("miguard.sweep.exceptionalPaths", ""));
    List<SweepTree> trees = new ArrayList<>();
    for (String name : names(required("miguard.sweep.trees"))) {
      Path tree = dir.resolve(name);
      if (!Files.isDirectory(tree.resolve("src"))) {
        throw new IllegalStateException("the build did not unpack tree " + name + " into " + tree);
      }
      trees.add(
          new SweepTree(
              name,
              filesIn(tree.resolve("src"), ".java"),
              filesIn(tree.resolve("lib"), ".jar"),
              filesIn(tree.resolve("bin"), ".jar"),
              exceptional.contains(name)));
    }
    return trees;
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + property + " is not set (run by Maven)");
    }
    return value;
  }

  private static Set<String> names(String list) {
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty())
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  private static List<Path> filesIn(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return exceptionalPaths ? name + " (ExceptionalPaths=true)" : name;
  }
}
