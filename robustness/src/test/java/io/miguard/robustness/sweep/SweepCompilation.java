package io.miguard.robustness.sweep;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import io.miguard.annotations.OperationHandle;
import io.miguard.mi.MiOperation;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one tree (plus the canary) in-process with the real plugin, loaded the way users load
 * it: {@code -Xplugin:ErrorProne} from the processor path, only the miguard checks on, at ERROR.
 * Records every diagnostic and which source files javac attributed and flow-analysed (the ANALYZE
 * task event, after which Error Prone runs its checks on the file).
 */
final class SweepCompilation {
  private static final Pattern CHECK_NAME =
      Pattern.compile(
          "^\\[(MiCloseBeforeDrain|MiCloseInDifferentContext|MiOperationNotClosed"
              + "|MiRetrievalOnAsyncOperation|MiResultUsedAfterRetrieval|MiCloseInCallback)\\]");

  /** What Error Prone reports when a check (or Error Prone itself) throws. */
  static final String UNHANDLED_EXCEPTION = "An unhandled exception was thrown by the Error Prone";

  /**
   * The outcome of one compilation.
   *
   * @param files the source files given to javac (the tree's and the canary)
   * @param treeLines the physical lines of the tree's files (the canary's not counted)
   * @param analysed the files javac finished analysing (attribution and flow)
   * @param findings the diagnostics of miguard checks
   * @param crashes Error Prone's "unhandled exception" errors
   * @param otherErrors every other error (the tree does not compile as set up)
   * @param seconds how long the compilation took
   */
  record Outcome(
      List<Path> files,
      long treeLines,
      Set<Path> analysed,
      List<Finding> findings,
      List<String> crashes,
      List<String> otherErrors,
      double seconds) {

    /** The input files javac never finished analysing. */
    List<Path> unanalysed() {
      return files.stream().filter(file -> !analysed.contains(file)).toList();
    }
  }

  private SweepCompilation() {}

  /** Compiles {@code tree} and the canary into a temporary directory. */
  static Outcome compile(SweepTree tree) throws IOException {
    List<Path> files = new ArrayList<>(tree.sources());
    files.add(SweepCanary.source());
    Path output = Files.createTempDirectory("sweep-" + tree.name());
    try {
      return compile(
          files,
          lineCount(tree.sources()),
          options(tree.classPath(), tree.exceptionalPaths(), true, output));
    } finally {
      deleteRecursively(output);
    }
  }

  /**
   * Compiles {@code files} against {@code classPath} (and the binding) into a temporary directory,
   * with only the two checks of closes, and MiCloseBeforeDrain's {@code ExceptionalPaths} option if
   * {@code exceptionalPaths}.
   */
  static Outcome compile(List<Path> files, List<Path> classPath, boolean exceptionalPaths)
      throws IOException {
    Path output = Files.createTempDirectory("sweep-files");
    try {
      return compile(files, lineCount(files), options(classPath, exceptionalPaths, false, output));
    } finally {
      deleteRecursively(output);
    }
  }

  private static Outcome compile(List<Path> files, long treeLines, List<String> options)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Set<Path> analysed = Collections.synchronizedSet(new HashSet<>());
    long start = System.nanoTime();
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null,
                  fileManager,
                  diagnostics,
                  options,
                  null,
                  fileManager.getJavaFileObjectsFromPaths(files));
      task.addTaskListener(
          new TaskListener() {
            @Override
            public void finished(TaskEvent event) {
              if (event.getKind() == TaskEvent.Kind.ANALYZE && event.getSourceFile() != null) {
                analysed.add(Path.of(event.getSourceFile().toUri()));
              }
            }
          });
      // The result is false whenever the canary is reported (at ERROR); the diagnostics decide.
      task.call();
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    List<Finding> findings = new ArrayList<>();
    List<String> crashes = new ArrayList<>();
    List<String> otherErrors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      String message = diagnostic.getMessage(Locale.ROOT);
      Matcher check = CHECK_NAME.matcher(message);
      if (check.find()) {
        Path path =
            diagnostic.getSource() == null
                ? Path.of("<no file>")
                : Path.of(diagnostic.getSource().toUri()).toAbsolutePath();
        findings.add(
            new Finding(
                check.group(1),
                path.getFileName().toString(),
                path,
                diagnostic.getLineNumber(),
                diagnostic.toString()));
      } else if (message.contains(UNHANDLED_EXCEPTION)) {
        crashes.add(diagnostic.toString());
      } else if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        otherErrors.add(diagnostic.toString());
      }
    }
    Set<Path> normalised =
        analysed.stream().map(Path::toAbsolutePath).collect(Collectors.toUnmodifiableSet());
    return new Outcome(
        files.stream().map(Path::toAbsolutePath).toList(),
        treeLines,
        normalised,
        findings,
        crashes,
        otherErrors,
        seconds);
  }

  /**
   * The javac options: the plugin as README tells users to load it, the tree's dependencies (and
   * the binding, for the canary) on the class path, no annotation processing (the trees' own
   * processors are not the subject), nothing compiled implicitly.
   */
  static List<String> options(
      List<Path> jars, boolean exceptionalPaths, boolean protocolChecks, Path output) {
    String plugin =
        "-Xplugin:ErrorProne -XepDisableAllChecks"
            + " -Xep:MiCloseBeforeDrain:ERROR -Xep:MiCloseInDifferentContext:ERROR"
            + (protocolChecks
                ? " -Xep:MiOperationNotClosed:ERROR -Xep:MiRetrievalOnAsyncOperation:ERROR"
                    + " -Xep:MiResultUsedAfterRetrieval:ERROR -Xep:MiCloseInCallback:ERROR"
                : "")
            // A failure inside miguard fails the run instead of becoming a warning.
            + " -XepOpt:Miguard:FailFast=true"
            + (exceptionalPaths ? " -XepOpt:MiCloseBeforeDrain:ExceptionalPaths=true" : "");
    List<String> classPath = new ArrayList<>();
    jars.forEach(jar -> classPath.add(jar.toString()));
    classPath.add(locationOf(MiOperation.class));
    classPath.add(locationOf(OperationHandle.class));
    return List.of(
        "-XDcompilePolicy=simple",
        "--should-stop=ifError=FLOW",
        System.getProperty("errorprone.jdk.flag", "-XDcompilePolicy=simple"),
        plugin,
        "--release",
        "17",
        "-encoding",
        "UTF-8",
        "-proc:none",
        "-implicit:none",
        "-nowarn",
        "-Xmaxerrs",
        "1000000",
        "-classpath",
        String.join(File.pathSeparator, classPath),
        // The plugin and Error Prone come from the test's own class path, as from a build's
        // annotation processor path.
        "-processorpath",
        System.getProperty("java.class.path"),
        "-d",
        output.toString());
  }

  private static String locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Physical lines, counting a last line without a line break. */
  private static long lineCount(List<Path> files) throws IOException {
    long lines = 0;
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      for (byte b : bytes) {
        if (b == '\n') {
          lines++;
        }
      }
      if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
        lines++;
      }
    }
    return lines;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
