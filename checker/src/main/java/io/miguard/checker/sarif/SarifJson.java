package io.miguard.checker.sarif;

import io.miguard.checker.sarif.SarifResult.Location;
import io.miguard.checker.sarif.SarifResult.Region;
import io.miguard.checker.sarif.SarifResult.Replacement;
import io.miguard.checker.sarif.SarifResult.SarifFix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Writes a SARIF 2.1.0 log of one run as JSON text. */
final class SarifJson {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String TOOL_URI = "https://github.com/miguard/miguard";

  private SarifJson() {}

  /**
   * The log of one run of miguard with {@code rules} (sorted by id) and {@code results}.
   *
   * @param category the run's category ({@code automationDetails.id} up to its last slash): code
   *     scanning keeps one analysis per tool and category, so each file gets its own
   */
  static String log(
      List<SarifRule> rules, List<SarifResult> results, String category, @Nullable String version) {
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "miguard");
    driver.put("informationUri", TOOL_URI);
    if (version != null) {
      driver.put("version", version);
    }
    List<String> ruleIds = new ArrayList<>();
    List<Object> ruleObjects = new ArrayList<>();
    for (SarifRule rule : rules) {
      ruleIds.add(rule.id());
      ruleObjects.add(
          object(
              "id", rule.id(),
              "name", rule.id(),
              "shortDescription", message(rule.summary()),
              "helpUri", rule.helpUri(),
              "defaultConfiguration", object("level", rule.level())));
    }
    driver.put("rules", ruleObjects);
    List<Object> resultObjects = new ArrayList<>();
    for (SarifResult result : results) {
      resultObjects.add(result(result, ruleIds.indexOf(result.ruleId())));
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("tool", object("driver", driver));
    run.put("automationDetails", object("id", category + "/"));
    run.put("columnKind", "utf16CodeUnits");
    run.put("results", resultObjects);
    Map<String, Object> log = new LinkedHashMap<>();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    log.put("runs", List.of(run));
    StringBuilder out = new StringBuilder();
    write(log, out, "");
    return out.append('\n').toString();
  }

  private static Map<String, Object> result(SarifResult result, int ruleIndex) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("ruleId", result.ruleId());
    if (ruleIndex >= 0) {
      object.put("ruleIndex", ruleIndex);
    }
    object.put("level", result.level());
    object.put("message", message(result.message()));
    object.put("locations", List.of(location(result.location(), -1)));
    if (!result.related().isEmpty()) {
      List<Object> related = new ArrayList<>();
      for (int i = 0; i < result.related().size(); i++) {
        related.add(location(result.related().get(i), i));
      }
      object.put("relatedLocations", related);
    }
    if (!result.fixes().isEmpty()) {
      List<Object> fixes = new ArrayList<>();
      for (SarifFix fix : result.fixes()) {
        List<Object> replacements = new ArrayList<>();
        for (Replacement replacement : fix.replacements()) {
          replacements.add(
              object(
                  "deletedRegion", region(replacement.deleted()),
                  "insertedContent", object("text", replacement.inserted())));
        }
        fixes.add(
            object(
                "description", message(fix.description()),
                "artifactChanges",
                    List.of(
                        object(
                            "artifactLocation",
                            object("uri", fix.uri()),
                            "replacements",
                            replacements))));
      }
      object.put("fixes", fixes);
    }
    return object;
  }

  private static Map<String, Object> location(Location location, int id) {
    Map<String, Object> object = new LinkedHashMap<>();
    if (id >= 0) {
      object.put("id", id);
    }
    object.put(
        "physicalLocation",
        object(
            "artifactLocation", object("uri", location.uri()),
            "region", region(location.region())));
    if (location.message() != null) {
      object.put("message", message(location.message()));
    }
    return object;
  }

  private static Map<String, Object> region(Region region) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("startLine", region.startLine());
    object.put("startColumn", region.startColumn());
    object.put("endLine", region.endLine());
    object.put("endColumn", region.endColumn());
    object.put("charOffset", region.charOffset());
    object.put("charLength", region.charLength());
    return object;
  }

  private static Map<String, Object> message(String text) {
    return object("text", text);
  }

  /** An object of the given keys and values, in that order. */
  private static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return object;
  }

  private static void write(Object value, StringBuilder out, String indent) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      String inner = indent + "  ";
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(first ? "\n" : ",\n").append(inner);
        string((String) entry.getKey(), out);
        out.append(": ");
        write(entry.getValue(), out, inner);
        first = false;
      }
      out.append(first ? "}" : "\n" + indent + "}");
    } else if (value instanceof List<?> list) {
      out.append('[');
      String inner = indent + "  ";
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "\n" : ",\n").append(inner);
        write(list.get(i), out, inner);
      }
      out.append(list.isEmpty() ? "]" : "\n" + indent + "]");
    } else if (value instanceof Integer number) {
      out.append(number.intValue());
    } else {
      string(String.valueOf(value), out);
    }
  }

  /** A JSON string literal (RFC 8259: quote, backslash and control characters escaped). */
  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
