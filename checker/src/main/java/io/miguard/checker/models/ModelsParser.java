package io.miguard.checker.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Reads entries of the models format, one per line: {@code TARGET = ROLE}, where the target is a
 * type ({@code io.acme.Query}), a method or constructor with its erased parameter types ({@code
 * io.acme.Conn#select(java.lang.String)}, {@code io.acme.Worker#<init>(java.lang.Runnable)}), or a
 * parameter of one by zero-based index ({@code io.acme.Conn#consume(io.acme.Query)[0]}); the role
 * is a {@link Role}, with the annotation's arguments where it has some. Blank lines and lines that
 * start with {@code #} are ignored.
 */
final class ModelsParser {
  private static final Pattern PARAMETER_INDEX = Pattern.compile("\\[(\\d+)]");
  private static final Pattern SPACE_AROUND_PUNCTUATION =
      Pattern.compile("\\s*([#(),.\\[\\]])\\s*");
  private static final Pattern ARRAY_SUFFIX = Pattern.compile("(\\[])+$");

  private ModelsParser() {}

  /**
   * One well-formed entry.
   *
   * @param where the source and line of the entry, for messages
   */
  record Entry(ModelTarget target, Role role, Map<String, String> arguments, String where) {}

  /** An entry that is not well formed: the message says why. */
  private static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  /**
   * The well-formed entries of {@code lines}; each malformed one is reported to {@code problems} as
   * {@code "SOURCE, UNIT N: why"} and left out.
   */
  static List<Entry> parse(
      String source, String unit, List<String> lines, Consumer<String> problems) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i) == null ? "" : lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + ", " + unit + " " + (i + 1);
      try {
        entries.add(entry(line, where));
      } catch (Malformed e) {
        problems.accept(where + ": " + e.getMessage());
      }
    }
    return entries;
  }

  private static Entry entry(String line, String where) throws Malformed {
    int equals = line.indexOf('=');
    if (equals < 0) {
      throw new Malformed(
          "expected 'TARGET = ROLE' (for example 'io.acme.Query#next() = RETRIEVES_RESULT'), found"
              + " '"
              + line
              + "'");
    }
    ModelTarget target = target(line.substring(0, equals));
    String roleText = line.substring(equals + 1).strip();
    int paren = roleText.indexOf('(');
    String roleName = (paren < 0 ? roleText : roleText.substring(0, paren)).strip();
    Role role = Role.named(roleName);
    if (role == null) {
      throw new Malformed("unknown role '" + roleName + "'; the roles are " + Role.names());
    }
    if (!role.targets().contains(target.kind())) {
      throw new Malformed(
          role
              + " cannot be given to a "
              + words(target.kind())
              + " (only to a "
              + String.join(" or a ", role.targets().stream().map(ModelsParser::words).toList())
              + ")");
    }
    Map<String, String> arguments = Map.of();
    if (paren >= 0) {
      if (!roleText.endsWith(")")) {
        throw new Malformed("the arguments of " + role + " do not end with ')'");
      }
      arguments = arguments(role, roleText.substring(paren + 1, roleText.length() - 1));
    }
    return new Entry(target, role, arguments, where);
  }

  private static ModelTarget target(String text) throws Malformed {
    String target =
        SPACE_AROUND_PUNCTUATION
            .matcher(text.strip())
            .replaceAll("$1")
            .replace('$', '.')
            .replace("...", "[]");
    if (target.isEmpty()) {
      throw new Malformed("no target before '='");
    }
    if (target.chars().anyMatch(Character::isWhitespace)) {
      throw new Malformed("unexpected space in '" + text.strip() + "'");
    }
    int hash = target.indexOf('#');
    if (hash < 0) {
      qualifiedName(target, "type");
      return new ModelTarget(target, Role.Target.TYPE);
    }
    String owner = target.substring(0, hash);
    qualifiedName(owner, "type");
    String rest = target.substring(hash + 1);
    int open = rest.indexOf('(');
    int close = rest.indexOf(')');
    if (open < 0 || close < open) {
      throw new Malformed(
          "a method is written with its parameter types, as in '"
              + owner
              + "#name(java.lang.String)'; found '"
              + text.strip()
              + "'");
    }
    String name = rest.substring(0, open);
    if (!name.equals("<init>") && !SourceVersion.isIdentifier(name)) {
      throw new Malformed("'" + name + "' is not a method name (a constructor is '<init>')");
    }
    String parameterList = rest.substring(open + 1, close);
    if (parameterList.contains("<")) {
      throw new Malformed(
          "write erased parameter types ('java.util.List', not 'java.util.List<String>')");
    }
    List<String> parameters = new ArrayList<>();
    if (!parameterList.isEmpty()) {
      for (String parameter : parameterList.split(",", -1)) {
        String element = ARRAY_SUFFIX.matcher(parameter).replaceAll("");
        if (!isPrimitive(element)) {
          qualifiedName(element, "parameter type");
        }
        parameters.add(parameter);
      }
    }
    String key = owner + "#" + name + "(" + String.join(",", parameters) + ")";
    Role.Target kind = name.equals("<init>") ? Role.Target.CONSTRUCTOR : Role.Target.METHOD;
    String tail = rest.substring(close + 1);
    if (tail.isEmpty()) {
      return new ModelTarget(key, kind);
    }
    Matcher index = PARAMETER_INDEX.matcher(tail);
    if (!index.matches()) {
      throw new Malformed(
          "unexpected '" + tail + "' after the parameter list (a parameter is '[INDEX]')");
    }
    int parameter = Integer.parseInt(index.group(1));
    if (parameter >= parameters.size()) {
      throw new Malformed(
          "parameter ["
              + parameter
              + "] of a method with "
              + parameters.size()
              + " parameter"
              + (parameters.size() == 1 ? "" : "s")
              + " (indexes start at 0)");
    }
    return new ModelTarget(key + "[" + parameter + "]", Role.Target.PARAMETER);
  }

  private static Map<String, String> arguments(Role role, String text) throws Malformed {
    Map<String, String> arguments = new LinkedHashMap<>();
    if (text.isBlank()) {
      return arguments;
    }
    if (role.arguments().isEmpty()) {
      throw new Malformed(role + " takes no arguments");
    }
    for (String argument : splitOutsideQuotes(text)) {
      int equals = argument.indexOf('=');
      if (equals < 0) {
        throw new Malformed("expected 'name = value' in the arguments of " + role);
      }
      String name = argument.substring(0, equals).strip();
      String value = argument.substring(equals + 1).strip();
      List<String> allowed = role.arguments().get(name);
      if (allowed == null) {
        throw new Malformed(
            role
                + " has no argument '"
                + name
                + "' (it takes "
                + String.join(", ", role.arguments().keySet().stream().sorted().toList())
                + ")");
      }
      boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
      if (quoted) {
        value = value.substring(1, value.length() - 1);
      }
      if (!allowed.isEmpty() && (quoted || !allowed.contains(value))) {
        throw new Malformed(
            "'" + value + "' is not a " + name + " of " + role + " (one of " + allowed + ")");
      }
      if (allowed.isEmpty() && !quoted && !SourceVersion.isIdentifier(value)) {
        throw new Malformed("the " + name + " of " + role + " is a name or a quoted string");
      }
      if (arguments.put(name, value) != null) {
        throw new Malformed(role + " is given '" + name + "' twice");
      }
    }
    return arguments;
  }

  private static List<String> splitOutsideQuotes(String text) {
    List<String> parts = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static void qualifiedName(String name, String what) throws Malformed {
    if (!SourceVersion.isName(name)) {
      throw new Malformed("'" + name + "' is not a qualified " + what + " name");
    }
  }

  private static boolean isPrimitive(String name) {
    return switch (name) {
      case "boolean", "byte", "short", "char", "int", "long", "float", "double" -> true;
      default -> false;
    };
  }

  private static String words(Role.Target target) {
    return switch (target) {
      case TYPE -> "type";
      case METHOD -> "method";
      case CONSTRUCTOR -> "constructor";
      case PARAMETER -> "parameter";
    };
  }
}
