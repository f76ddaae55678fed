package io.miguard.checker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles source files on disk the way users run the checks: javac with {@code
 * -Xplugin:ErrorProne}, Error Prone and the checker's classes on the processor path, the checks
 * found through the service registration that {@code @AutoService} wrote into the built classes.
 */
final class PluginJavac {
  private PluginJavac() {}

  /** What a compilation reported. */
  record Result(boolean succeeded, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    /** The messages of the diagnostics of {@code kind}. */
    List<String> messages(Diagnostic.Kind kind) {
      return diagnostics.stream()
          .filter(diagnostic -> diagnostic.getKind() == kind)
          .map(diagnostic -> diagnostic.getMessage(Locale.ROOT))
          .collect(Collectors.toList());
    }
  }

  /**
   * Compiles {@code sources} into {@code output} with only miguard's checks on.
   *
   * @param classpath entries added before the test class path (a library jar)
   * @param errorProneArguments more Error Prone arguments ({@code -XepOpt:...}, {@code -Xep:...})
   */
  static Result compile(
      List<Path> sources, Path output, List<Path> classpath, String... errorProneArguments) {
    List<String> options = new ArrayList<>();
    options.add("-XDcompilePolicy=simple");
    options.add("--should-stop=ifError=FLOW");
    if (Runtime.version().feature() >= 21) {
      options.add("-XDaddTypeAnnotationsToSymbol=true");
    }
    List<String> path = new ArrayList<>();
    classpath.forEach(entry -> path.add(entry.toString()));
    path.add(testClasspath());
    options.add("-classpath");
    options.add(String.join(File.pathSeparator, path));
    options.add("-processorpath");
    options.add(checkerClasses() + File.pathSeparator + testClasspath());
    options.add("-d");
    options.add(output.toString());
    options.add(
        "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:MiCloseBeforeDrain:ERROR"
            + " -Xep:MiCloseInDifferentContext:ERROR "
            + String.join(" ", errorProneArguments));
    return javac(sources, options);
  }

  /** Compiles {@code sources} with plain javac (no Error Prone) into {@code output}. */
  static Result compilePlain(List<Path> sources, Path output) {
    return javac(
        sources, List.of("-classpath", testClasspath(), "-d", output.toString(), "-proc:none"));
  }

  private static Result javac(List<Path> sources, List<String> options) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      boolean succeeded =
          compiler
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      return new Result(succeeded, diagnostics.getDiagnostics());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test class path (surefire may hide it behind a manifest-only jar). */
  static String testClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    String classpath = surefire != null ? surefire : System.getProperty("java.class.path");
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The directory the checker's main classes were built into. */
  static Path checkerClasses() {
    try {
      return Path.of(
          MiCloseBeforeDrain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
