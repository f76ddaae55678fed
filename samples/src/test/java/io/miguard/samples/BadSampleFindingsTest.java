package io.miguard.samples;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Compiles the bad samples with the real plugin ({@code -Xplugin:ErrorProne}, loaded through the
 * checker jar's service registration) and holds its findings to the {@code // miguard: Check}
 * markers in the sources: every marked line is reported by that check, and nothing else is.
 */
class BadSampleFindingsTest {
  private static final Pattern MARKER = Pattern.compile("//\\s*miguard:\\s*(Mi\\w+)");
  private static final Pattern CHECK_NAME = Pattern.compile("^\\[(Mi\\w+)\\]");
  private static final List<String> CHECKS =
      List.of(
          "MiCloseBeforeDrain",
          "MiCloseInDifferentContext",
          "MiOperationNotClosed",
          "MiRetrievalOnAsyncOperation",
          "MiResultUsedAfterRetrieval",
          "MiCloseInCallback");

  @Test
  void findingsAreExactlyTheMarkedLines() throws IOException {
    List<Path> sources = badSources();
    assertThat(sources).isNotEmpty();

    assertThat(reportedFindings(sources)).containsExactlyElementsIn(markedFindings(sources));
  }

  @Test
  void everyCheckHasAMarkedFinding() throws IOException {
    TreeSet<String> checksWithMarkers = new TreeSet<>();
    for (String finding : markedFindings(badSources())) {
      checksWithMarkers.add(finding.substring(0, finding.indexOf(' ')));
    }
    assertThat(checksWithMarkers).containsExactlyElementsIn(CHECKS);
  }

  private static List<Path> badSources() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(System.getProperty("samples.bad.dir")))) {
      return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** "Check File.java:line" for every marker. */
  private static TreeSet<String> markedFindings(List<Path> sources) throws IOException {
    TreeSet<String> findings = new TreeSet<>();
    for (Path source : sources) {
      List<String> lines = Files.readAllLines(source, UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher marker = MARKER.matcher(lines.get(i));
        if (marker.find()) {
          findings.add(marker.group(1) + " " + source.getFileName() + ":" + (i + 1));
        }
      }
    }
    return findings;
  }

  /** "Check File.java:line" for every miguard diagnostic of a compilation with the plugin. */
  private static TreeSet<String> reportedFindings(List<Path> sources) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path output = Files.createTempDirectory("bad-samples");
    String classPath = System.getProperty("java.class.path");
    List<String> options = new ArrayList<>();
    options.addAll(
        List.of(
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-XDaddTypeAnnotationsToSymbol=true",
            "-Xplugin:ErrorProne -XepDisableAllChecks"
                + CHECKS.stream().map(check -> " -Xep:" + check + ":WARN").collect(joining()),
            "--release",
            "17",
            "-classpath",
            System.getProperty("samples.classes.dir") + java.io.File.pathSeparator + classPath,
            "-processorpath",
            classPath,
            "-d",
            output.toString()));
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      boolean compiled =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      assertThat(errors(diagnostics)).isEmpty();
      assertThat(compiled).isTrue();
    }
    TreeSet<String> findings = new TreeSet<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      Matcher check = CHECK_NAME.matcher(diagnostic.getMessage(Locale.ROOT));
      if (check.find() && diagnostic.getSource() != null) {
        String file = Path.of(diagnostic.getSource().toUri()).getFileName().toString();
        findings.add(check.group(1) + " " + file + ":" + diagnostic.getLineNumber());
      }
    }
    return findings;
  }

  private static List<String> errors(DiagnosticCollector<JavaFileObject> diagnostics) {
    return diagnostics.getDiagnostics().stream()
        .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
        .map(diagnostic -> diagnostic.toString())
        .toList();
  }
}
