package io.miguard.checker;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models for a library that cannot be annotated: the acme.wmi wrapper (test resources {@code
 * twin/}) exists twice, annotated with the vocabulary and as an unannotated copy, each compiled to
 * a jar at test time. The same client code compiled against the unannotated jar with the models
 * file ({@code -XepOpt:Miguard:Models}), or with a {@code MiguardModels} service on the processor
 * path, must get exactly the findings it gets against the annotated jar, with every miguard check
 * on.
 */
class ModelsTwinTest {
  private static final Pattern MARKER = Pattern.compile("// FINDING: (\\w+)");
  private static final Pattern MIGUARD_MESSAGE = Pattern.compile("^\\[(Mi\\w+)\\] ");
  private static final List<String> CHECKS =
      List.of("MiCloseBeforeDrain", "MiCloseInDifferentContext");

  @TempDir Path work;

  /** A miguard finding: the check, the line and the whole message. */
  record Finding(String check, long line, String message) {}

  @Test
  void theUnannotatedTwinWithTheModelsFileGetsTheAnnotatedTwinsFindings() throws Exception {
    Path annotated = libraryJar("annotated");
    Path plain = libraryJar("plain");
    assertThat(mentionsTheVocabulary(annotated)).isTrue();
    assertThat(mentionsTheVocabulary(plain)).isFalse();

    List<Finding> withAnnotations = findings(compileClient(annotated, List.of(), List.of()));
    List<Finding> withModels =
        findings(
            compileClient(
                plain,
                List.of(),
                List.of("-XepOpt:Miguard:Models=" + twin().resolve("acme.models"))));

    assertThat(checksAndLines(withAnnotations)).containsExactlyElementsIn(markedLines());
    assertThat(withModels).containsExactlyElementsIn(withAnnotations).inOrder();
  }

  @Test
  void withoutModelsTheUnannotatedTwinGetsNoFinding() throws Exception {
    Path plain = libraryJar("plain");
    assertThat(findings(compileClient(plain, List.of(), List.of()))).isEmpty();
  }

  @Test
  void aModelsServiceOnTheProcessorPathGivesTheSameFindings() throws Exception {
    Path annotated = libraryJar("annotated");
    Path plain = libraryJar("plain");
    Path service = modelsService(Files.readAllLines(twin().resolve("acme.models")));

    List<Finding> withAnnotations = findings(compileClient(annotated, List.of(), List.of()));
    List<Finding> withService = findings(compileClient(plain, List.of(service), List.of()));

    assertThat(withService).containsExactlyElementsIn(withAnnotations).inOrder();
    assertThat(withService).isNotEmpty();
  }

  @Test
  void aMalformedModelsFileIsAnErrorNamingFileAndLineNotACrash() throws Exception {
    Path plain = libraryJar("plain");
    Path models = work.resolve("broken.models");
    Files.write(
        models,
        List.of(
            "# one well-formed entry, then one mistake a line",
            "acme.wmi.Query = OPERATION_HANDLE",
            "acme.wmi.Query#next() = RETRIEVES",
            "acme.wmi.Query#finish()",
            "acme.wmi.Query = DRAINS_RESULTS",
            "acme.wmi.Client#select(java.lang.String) = STARTS_OPERATION(mode = SOMETIMES)",
            "acme.wmi.Client#consume(acme.wmi.Query)[1] = DRAINS_RESULTS",
            "acme.wmi.Client#select(java.util.List<String>) = STARTS_OPERATION",
            "acme.wmi.Query#close = CLOSES_OPERATION"));

    JavacWithPlugin.Result compilation =
        compileClient(plain, List.of(), List.of("-XepOpt:Miguard:Models=" + models));

    List<String> errors = compilation.messages(Diagnostic.Kind.ERROR);
    String file = "models file " + models;
    assertThat(errors)
        .containsAtLeast(
            "miguard: "
                + file
                + ", line 3: unknown role 'RETRIEVES'; the roles are "
                + String.join(", ", roleNames()),
            "miguard: "
                + file
                + ", line 4: expected 'TARGET = ROLE' (for example"
                + " 'io.acme.Query#next() = RETRIEVES_RESULT'), found 'acme.wmi.Query#finish()'",
            "miguard: "
                + file
                + ", line 5: DRAINS_RESULTS cannot be given to a type (only to a"
                + " method or a parameter)",
            "miguard: "
                + file
                + ", line 6: 'SOMETIMES' is not a mode of STARTS_OPERATION (one of"
                + " [SYNCHRONOUS, ASYNCHRONOUS, DECIDED_BY_CALLBACKS])",
            "miguard: "
                + file
                + ", line 7: parameter [1] of a method with 1 parameter (indexes"
                + " start at 0)",
            "miguard: "
                + file
                + ", line 8: write erased parameter types ('java.util.List', not"
                + " 'java.util.List<String>')",
            "miguard: "
                + file
                + ", line 9: a method is written with its parameter types, as in"
                + " 'acme.wmi.Query#name(java.lang.String)'; found 'acme.wmi.Query#close'");
    assertThat(errors.stream().filter(error -> error.startsWith("miguard: ")).count()).isEqualTo(7);
    assertThat(compilation.messages(Diagnostic.Kind.ERROR).toString()).doesNotContain("crash");
  }

  @Test
  void aMissingModelsFileIsAnErrorNamingIt() throws Exception {
    Path plain = libraryJar("plain");
    Path missing = work.resolve("no-such.models");
    JavacWithPlugin.Result compilation =
        compileClient(plain, List.of(), List.of("-XepOpt:Miguard:Models=" + missing));
    assertThat(compilation.succeeded()).isFalse();
    assertThat(compilation.messages(Diagnostic.Kind.ERROR).get(0))
        .startsWith("miguard: cannot read the models file " + missing + " (Miguard:Models)");
  }

  @Test
  void theUnannotatedTwinIsTheAnnotatedOneWithoutTheVocabulary() throws Exception {
    Pattern vocabulary =
        Pattern.compile(
            "(?m)^import io\\.miguard\\.annotations\\..*\\n|@[A-Z]\\w*(\\([^)]*\\))?\\s*");
    Pattern override = Pattern.compile("@Override\\s*");
    for (Path annotatedFile : javaFiles(twin().resolve("annotated"))) {
      Path plainFile =
          twin().resolve("plain").resolve(twin().resolve("annotated").relativize(annotatedFile));
      String annotated = Files.readString(annotatedFile);
      String plain = Files.readString(plainFile);
      assertThat(plain).doesNotContain("io.miguard");
      assertWithMessage(plainFile.toString())
          .that(
              normalised(vocabulary.matcher(override.matcher(plain).replaceAll("")).replaceAll("")))
          .isEqualTo(
              normalised(
                  vocabulary.matcher(override.matcher(annotated).replaceAll("")).replaceAll("")));
    }
  }

  private static String normalised(String source) {
    return source.replaceAll("\\s+", " ").strip();
  }

  // ---- the twins ----

  private static Path twin() throws URISyntaxException {
    return Path.of(ModelsTwinTest.class.getResource("twin").toURI());
  }

  /** The wrapper's sources under {@code twin/<which>}, compiled by plain javac into a jar. */
  private Path libraryJar(String which) throws Exception {
    List<Path> sources = javaFiles(twin().resolve(which));
    Path classes = Files.createDirectories(work.resolve(which + "-classes"));
    JavacWithPlugin.Result compilation = JavacWithPlugin.compilePlain(sources, classes, List.of());
    assertWithMessage(compilation.diagnostics().toString()).that(compilation.succeeded()).isTrue();
    return jar(classes, work.resolve("acme-" + which + ".jar"));
  }

  private JavacWithPlugin.Result compileClient(
      Path library, List<Path> processorPath, List<String> errorProneArguments) throws Exception {
    Path classes = Files.createTempDirectory(work, "client");
    // Every check on, as Error Prone enables them by default: each miguard check is compared.
    return JavacWithPlugin.compile(
        javaFiles(twin().resolve("client")),
        classes,
        List.of(library),
        processorPath,
        String.join(" ", FailFast.FLAG, String.join(" ", errorProneArguments)));
  }

  /**
   * A {@code MiguardModels} service whose entries are {@code lines}, compiled and registered in a
   * directory for the processor path.
   */
  private Path modelsService(List<String> lines) throws Exception {
    Path sources = Files.createDirectories(work.resolve("service-src/acme/models"));
    StringBuilder entries = new StringBuilder();
    for (String line : lines) {
      entries
          .append(entries.length() == 0 ? "" : ",\n")
          .append('"')
          .append(line.replace("\\", "\\\\").replace("\"", "\\\""))
          .append('"');
    }
    Path source = sources.resolve("AcmeModels.java");
    Files.writeString(
        source,
        "package acme.models;\n"
            + "public final class AcmeModels implements io.miguard.checker.models.MiguardModels {\n"
            + "  @Override public java.util.List<String> models() {\n"
            + "    return java.util.List.of(\n"
            + entries
            + ");\n"
            + "  }\n"
            + "}\n");
    Path classes = Files.createDirectories(work.resolve("service-classes"));
    JavacWithPlugin.Result compilation =
        JavacWithPlugin.compilePlain(
            List.of(source), classes, List.of(JavacWithPlugin.checkerClasses()));
    assertWithMessage(compilation.diagnostics().toString()).that(compilation.succeeded()).isTrue();
    Path registration =
        classes.resolve("META-INF/services/io.miguard.checker.models.MiguardModels");
    Files.createDirectories(registration.getParent());
    Files.writeString(registration, "acme.models.AcmeModels\n");
    return classes;
  }

  // ---- reading the results ----

  private static List<Finding> findings(JavacWithPlugin.Result compilation) {
    List<Finding> findings = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      String message = diagnostic.getMessage(Locale.ROOT);
      Matcher check = MIGUARD_MESSAGE.matcher(message);
      assertWithMessage(message).that(message).doesNotContain("miguard: ");
      if (check.find()) {
        findings.add(new Finding(check.group(1), diagnostic.getLineNumber(), message));
      }
    }
    return findings;
  }

  private static List<String> checksAndLines(List<Finding> findings) {
    return findings.stream()
        .filter(finding -> CHECKS.contains(finding.check()))
        .map(finding -> finding.check() + ":" + finding.line())
        .toList();
  }

  /** The lines the client marks with {@code // FINDING: CHECK}, as {@code CHECK:LINE}. */
  private static List<String> markedLines() throws Exception {
    List<String> marked = new ArrayList<>();
    List<String> lines = Files.readAllLines(twin().resolve("client/shop/Inventory.java"));
    for (int i = 0; i < lines.size(); i++) {
      Matcher marker = MARKER.matcher(lines.get(i));
      if (marker.find()) {
        marked.add(marker.group(1) + ":" + (i + 1));
      }
    }
    assertThat(marked).isNotEmpty();
    return marked;
  }

  private static List<String> roleNames() {
    return Stream.of(io.miguard.checker.models.Role.values()).map(Enum::name).toList();
  }

  /** Whether a class file of the jar refers to the vocabulary's package. */
  private static boolean mentionsTheVocabulary(Path jar) throws IOException {
    try (var file = new java.util.jar.JarFile(jar.toFile())) {
      for (JarEntry entry : java.util.Collections.list(file.entries())) {
        byte[] bytes = file.getInputStream(entry).readAllBytes();
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains("io/miguard/annotations/")) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Path> javaFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static Path jar(Path classes, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        jarOut.write(Files.readAllBytes(file));
        jarOut.closeEntry();
      }
    }
    return jar;
  }
}
