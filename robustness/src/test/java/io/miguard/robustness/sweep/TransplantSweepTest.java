package io.miguard.robustness.sweep;

import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import io.miguard.robustness.sweep.Transplant.Choice;
import io.miguard.robustness.sweep.Transplant.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transplant sweep: writes MI code into the method bodies of the real trees ({@link
 * Transplant}), in shapes whose findings are known whatever the host body does, compiles the files
 * written into against the tree's own jar with the real plugin (default options), and compares the
 * findings with that truth: no false alarm, no miss, no crash, no compile error.
 *
 * <p>By default every {@value #DEFAULT_STRIDE}th body of each tree gets a shape (the shapes taken
 * in turn); {@code -Dmiguard.transplant.stride=1} writes into every body. The shapes that need the
 * issue-12 exceptional-edge rule run when {@link #EXTENDED_BY_DEFAULT} or {@code
 * -Dmiguard.transplant.extended=true}; {@code -Dmiguard.transplant.keep=true} keeps the files
 * written.
 */
class TransplantSweepTest {
  static final int DEFAULT_STRIDE = 5;

  /** Whether the shapes that need the issue-12 exceptional-edge rule run without the property. */
  static final boolean EXTENDED_BY_DEFAULT = true;

  private static final int LISTED = 15;

  private final int stride = Integer.getInteger("miguard.transplant.stride", DEFAULT_STRIDE);
  private final boolean extended =
      Boolean.parseBoolean(
          System.getProperty("miguard.transplant.extended", String.valueOf(EXTENDED_BY_DEFAULT)));

  /** Whether bodies where a known engine gap makes the truth wrong are written into too. */
  static List<SweepTree> trees() {
    return SweepTree.fromSystemProperties();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trees")
  @Timeout(value = 20, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void transplantedShapesReportExactlyTheirTruth(SweepTree tree) throws IOException {
    assertWithMessage("the jar of %s", tree).that(tree.binaries()).isNotEmpty();
    List<Shape> shapes =
        Arrays.stream(Shape.values()).filter(s -> extended || !s.extended).toList();
    Path dir = Files.createTempDirectory("transplant-" + tree.name());
    try {
      Counts counts = new Counts();
      Map<Path, List<String>> expectedByFile = new HashMap<>();
      Map<Path, Path> originals = new HashMap<>();
      List<Path> written = transplant(tree, shapes, dir, counts, expectedByFile, originals);
      Path helper = dir.resolve(Transplant.HELPER_PATH);
      Files.createDirectories(helper.getParent());
      Files.writeString(helper, Transplant.HELPER_SOURCE, UTF_8);
      List<Path> files = new ArrayList<>(written);
      files.add(helper);
      List<Path> classPath = new ArrayList<>(tree.binaries());
      classPath.addAll(tree.classPath());
      SweepCompilation.Outcome outcome = SweepCompilation.compile(files, classPath, false);

      Map<Path, TreeSet<String>> reported = new HashMap<>();
      outcome
          .findings()
          .forEach(
              f ->
                  reported
                      .computeIfAbsent(f.path(), p -> new TreeSet<>())
                      .add(f.check() + " " + f.line()));
      List<String> falseAlarms = new ArrayList<>();
      List<String> misses = new ArrayList<>();
      int findings = 0;
      for (Path file : written) {
        TreeSet<String> expected = new TreeSet<>(expectedByFile.get(file));
        TreeSet<String> actual = reported.getOrDefault(file.toAbsolutePath(), new TreeSet<>());
        findings += actual.size();
        Path original = originals.get(file);
        for (String key : actual) {
          if (!expected.contains(key)) {
            falseAlarms.add(describe(file, original, key, outcome));
          }
        }
        for (String key : expected) {
          if (!actual.contains(key)) {
            misses.add(describe(file, original, key, outcome));
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "transplant %s: %d of %d bodies (every %dth), %s;"
              + " %d files compiled in %.1f s;"
              + " %d findings expected, %d reported, %d false alarms, %d misses%n",
          tree.name(),
          counts.total(),
          counts.bodies,
          stride,
          counts.byShape,
          written.size(),
          outcome.seconds(),
          counts.expected,
          findings,
          falseAlarms.size(),
          misses.size());

      assertWithMessage("Error Prone crashes in transplanted %s", tree)
          .that(first(outcome.crashes()))
          .isEmpty();
      assertWithMessage("errors compiling transplanted %s (a transplant bug)", tree)
          .that(first(outcome.otherErrors()))
          .isEmpty();
      assertWithMessage("files of transplanted %s javac never finished analysing", tree)
          .that(first(outcome.unanalysed().stream().map(Object::toString).toList()))
          .isEmpty();
      assertWithMessage("findings expected in transplanted %s", tree)
          .that(counts.expected)
          .isGreaterThan(0);
      assertWithMessage("false alarms in transplanted %s", tree).that(first(falseAlarms)).isEmpty();
      assertWithMessage("misses in transplanted %s", tree).that(first(misses)).isEmpty();
    } finally {
      if (!Boolean.getBoolean("miguard.transplant.keep")) {
        deleteRecursively(dir);
      } else {
        System.out.println("transplanted sources kept in " + dir);
      }
    }
  }

  /** How many bodies got each shape, and the findings their marks expect. */
  private static final class Counts {
    final Map<Shape, Integer> byShape = new EnumMap<>(Shape.class);
    int bodies;
    int expected;

    int total() {
      return byShape.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /**
   * Parses every source of {@code tree}, writes a shape into every {@code stride}th body (the
   * shapes in turn), and writes each file that got one under {@code dir}.
   */
  private List<Path> transplant(
      SweepTree tree,
      List<Shape> shapes,
      Path dir,
      Counts counts,
      Map<Path, List<String>> expectedByFile,
      Map<Path, Path> originals)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Path> written = new ArrayList<>();
    Path root = tree.sources().get(0).getParent();
    while (!root.getFileName().toString().equals("src")) {
      root = root.getParent();
    }
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(null, Locale.ROOT, UTF_8)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null,
                  fileManager,
                  diagnostic -> {},
                  List.of("--release", "17", "-proc:none"),
                  null,
                  fileManager.getJavaFileObjectsFromPaths(tree.sources()));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      int chosen = 0;
      for (CompilationUnitTree unit : task.parse()) {
        JavaFileObject file = unit.getSourceFile();
        Path path = Path.of(file.toUri());
        List<Choice> choices = new ArrayList<>();
        for (MethodTree method : Transplant.bodies(unit)) {
          if (counts.bodies++ % stride != 0) {
            continue;
          }
          Shape shape = shapes.get(chosen % shapes.size());
          if (!Transplant.fits(method, shape)) {
            shape = Shape.DRAINED;
          }
          choices.add(new Choice(method, shape, chosen / shapes.size()));
          counts.byShape.merge(shape, 1, Integer::sum);
          chosen++;
        }
        if (choices.isEmpty()) {
          continue;
        }
        String source = file.getCharContent(true).toString();
        String transplanted = Transplant.write(unit, positions, source, choices);
        Path target = dir.resolve(root.relativize(path).toString());
        Files.createDirectories(target.getParent());
        Files.writeString(target, transplanted, UTF_8);
        List<String> expected = Transplant.expected(transplanted);
        counts.expected += expected.size();
        expectedByFile.put(target, expected);
        originals.put(target, path);
        written.add(target);
      }
    }
    return written;
  }

  /** A finding (or expected finding) with its file, its line and the message if reported. */
  private static String describe(
      Path file, Path original, String key, SweepCompilation.Outcome outcome) {
    long line = Long.parseLong(key.substring(key.indexOf(' ') + 1));
    String text;
    try {
      List<String> lines = Files.readAllLines(file, UTF_8);
      text = line <= lines.size() ? lines.get((int) line - 1).strip() : "";
    } catch (IOException e) {
      text = e.toString();
    }
    String message =
        outcome.findings().stream()
            .filter(f -> f.path().equals(file.toAbsolutePath()) && f.line() == line)
            .map(Finding::message)
            .findFirst()
            .orElse("(not reported)");
    return key + " in " + original.getFileName() + " [" + file + "]: " + text + "\n    " + message;
  }

  private static List<String> first(List<String> items) {
    return items.size() <= LISTED ? items : items.subList(0, LISTED);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
