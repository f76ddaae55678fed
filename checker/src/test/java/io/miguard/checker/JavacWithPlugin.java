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
 * The javac options that load the checks the way users do: {@code -Xplugin:ErrorProne}, Error Prone
 * and the checker's classes on the processor path, the checks found through the service
 * registration that {@code @AutoService} wrote into the built classes; and compilations of files on
 * disk with them.
 */
final class JavacWithPlugin {
  private JavacWithPlugin() {}

  /** The Error Prone arguments that run only miguard's checks. */
  static final String MIGUARD_ONLY =
      "-XepDisableAllChecks -Xep:MiCloseBeforeDrain:ERROR -Xep:MiCloseInDifferentContext:ERROR";

  /** The options, with {@code errorProneArgs} appended to {@code -Xplugin:ErrorProne}. */
  static List<String> options(String errorProneArgs) throws URISyntaxException {
    return options(List.of(), List.of(), errorProneArgs);
  }

  /**
   * The options, with {@code errorProneArgs} appended to {@code -Xplugin:ErrorProne}.
   *
   * @param classpath entries put before the test class path (a library jar)
   * @param processorPath entries put before the checker on the processor path (a models service)
   */
  static List<String> options(List<Path> classpath, List<Path> processorPath, String errorProneArgs)
      throws URISyntaxException {
    List<String> options = new ArrayList<>();
    options.add("-XDcompilePolicy=simple");
    options.add("--should-stop=ifError=FLOW");
    if (Runtime.version().feature() >= 21) {
      options.add("-XDaddTypeAnnotationsToSymbol=true");
    }
    options.add("-classpath");
    options.add(path(classpath, testClasspath()));
    // Error Prone and the checker are found on the processor path, as a build tool puts them.
    options.add("-processorpath");
    options.add(path(processorPath, checkerClasses() + File.pathSeparator + testClasspath()));
    // PackageInfo cannot handle compile-testing's in-memory source URIs.
    options.add(("-Xplugin:ErrorProne -Xep:PackageInfo:OFF " + errorProneArgs).strip());
    return options;
  }

  /** What a compilation of files on disk reported. */
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
   * Compiles the files {@code sources} into {@code output} with the plugin.
   *
   * @param classpath entries put before the test class path (a library jar)
   * @param processorPath entries put before the checker on the processor path (a models service)
   */
  static Result compile(
      List<Path> sources,
      Path output,
      List<Path> classpath,
      List<Path> processorPath,
      String errorProneArgs)
      throws URISyntaxException {
    List<String> options = new ArrayList<>(options(classpath, processorPath, errorProneArgs));
    options.add("-d");
    options.add(output.toString());
    return javac(sources, options);
  }

  /** Compiles the files {@code sources} into {@code output} with plain javac (no Error Prone). */
  static Result compilePlain(List<Path> sources, Path output, List<Path> classpath) {
    return javac(
        sources,
        List.of(
            "-classpath", path(classpath, testClasspath()), "-d", output.toString(), "-proc:none"));
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

  private static String path(List<Path> first, String then) {
    List<String> entries = new ArrayList<>();
    first.forEach(entry -> entries.add(entry.toString()));
    entries.add(then);
    return String.join(File.pathSeparator, entries);
  }

  /** The test class path (surefire may hide it behind a manifest-only jar). */
  private static String testClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    String classpath = surefire != null ? surefire : System.getProperty("java.class.path");
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The directory the checker's main classes were built into. */
  static Path checkerClasses() throws URISyntaxException {
    return Path.of(
        MiCloseBeforeDrain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
