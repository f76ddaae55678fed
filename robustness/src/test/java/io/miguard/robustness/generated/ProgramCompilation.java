package io.miguard.robustness.generated;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.joining;

import io.miguard.annotations.OperationHandle;
import io.miguard.mi.MiOperation;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a batch of generated programs in one in-process javac run with the real plugin, loaded
 * as users load it ({@code -Xplugin:ErrorProne}, only the miguard checks on, at ERROR), and sorts
 * the diagnostics by program: miguard findings, Error Prone crashes, and every other error.
 */
final class ProgramCompilation {
  /** The checks that report on closes of operations: both generators run them. */
  static final List<String> CLOSE_CHECKS =
      List.of("MiCloseBeforeDrain", "MiCloseInDifferentContext");

  /**
   * The checks of the rest of the protocol (issue 13), which report on starts, retrievals, reads of
   * borrowed objects and session closes: the construct soup runs them too.
   */
  static final List<String> PROTOCOL_CHECKS =
      List.of(
          "MiOperationNotClosed",
          "MiRetrievalOnAsyncOperation",
          "MiResultUsedAfterRetrieval",
          "MiCloseInCallback");

  private static final Pattern CHECK_NAME = Pattern.compile("^\\[(Mi\\w+)\\]");

  /** What Error Prone reports when a check (or Error Prone itself) throws. */
  static final String UNHANDLED_EXCEPTION = "An unhandled exception was thrown by the Error Prone";

  /** A diagnostic of a miguard check: its check, line and full text. */
  record Finding(String check, long line, String message) {}

  /** The diagnostics of one program. */
  record Result(List<Finding> findings, List<String> crashes, List<String> errors) {}

  private ProgramCompilation() {}

  /**
   * The Java release generated programs are compiled for: 17 on JDK 17, the running feature release
   * on later JDKs (so that pattern switches and record patterns compile there).
   */
  static int release() {
    return Math.max(17, Runtime.version().feature());
  }

  /**
   * Compiles {@code programs} together, with MiCloseBeforeDrain's {@code ExceptionalPaths} option
   * if {@code exceptionalPaths}, and the {@link #PROTOCOL_CHECKS} on too if {@code protocolChecks};
   * a diagnostic with no program goes to the first.
   */
  static Map<GeneratedProgram, Result> compile(
      List<GeneratedProgram> programs, boolean exceptionalPaths, boolean protocolChecks)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> sources = new ArrayList<>();
    Map<URI, GeneratedProgram> byUri = new HashMap<>();
    for (GeneratedProgram program : programs) {
      Source source = new Source(program);
      sources.add(source);
      byUri.put(source.toUri(), program);
    }
    Path output = Files.createTempDirectory("generated-programs");
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      // The result is false whenever a finding is reported (at ERROR); the diagnostics decide.
      javac
          .getTask(
              null,
              fileManager,
              diagnostics,
              options(output, exceptionalPaths, protocolChecks),
              null,
              sources)
          .call();
    } finally {
      deleteRecursively(output);
    }

    Map<GeneratedProgram, Result> results = new IdentityHashMap<>();
    for (GeneratedProgram program : programs) {
      results.put(program, new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
    }
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      GeneratedProgram program =
          diagnostic.getSource() == null ? null : byUri.get(diagnostic.getSource().toUri());
      Result result = results.get(program != null ? program : programs.get(0));
      String message = diagnostic.getMessage(Locale.ROOT);
      Matcher check = CHECK_NAME.matcher(message);
      if (check.find()) {
        result
            .findings()
            .add(new Finding(check.group(1), diagnostic.getLineNumber(), diagnostic.toString()));
      } else if (message.contains(UNHANDLED_EXCEPTION)) {
        result.crashes().add(diagnostic.toString());
      } else if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        result.errors().add(diagnostic.toString());
      }
    }
    return results;
  }

  private static List<String> options(
      Path output, boolean exceptionalPaths, boolean protocolChecks) {
    List<String> checks = new ArrayList<>(CLOSE_CHECKS);
    if (protocolChecks) {
      checks.addAll(PROTOCOL_CHECKS);
    }
    return List.of(
        "-XDcompilePolicy=simple",
        "--should-stop=ifError=FLOW",
        System.getProperty("errorprone.jdk.flag", "-XDcompilePolicy=simple"),
        "-Xplugin:ErrorProne -XepDisableAllChecks"
            + checks.stream().map(check -> " -Xep:" + check + ":ERROR").collect(joining())
            // A failure inside miguard fails the run instead of becoming a warning.
            + " -XepOpt:Miguard:FailFast=true"
            + (exceptionalPaths ? " -XepOpt:MiCloseBeforeDrain:ExceptionalPaths=true" : ""),
        "--release",
        String.valueOf(release()),
        "-encoding",
        "UTF-8",
        "-proc:none",
        "-implicit:none",
        "-nowarn",
        "-Xmaxerrs",
        "100000",
        "-classpath",
        locationOf(MiOperation.class) + File.pathSeparator + locationOf(OperationHandle.class),
        // The plugin and Error Prone come from the test's own class path, as from a build's
        // annotation processor path.
        "-processorpath",
        System.getProperty("java.class.path"),
        "-d",
        output.toString());
  }

  /** A generated program as javac's input, held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(GeneratedProgram program) {
      super(URI.create("string:///gen/" + program.fileName()), Kind.SOURCE);
      this.text = program.source();
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }

  private static String locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
