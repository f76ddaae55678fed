package io.miguard.checker.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The roles that models give to types, methods and parameters of one compilation, by {@link
 * ModelTarget#key}: those of the models file ({@code -XepOpt:Miguard:Models=PATH}) and of every
 * {@link MiguardModels} service on the processor path.
 */
public final class Models {
  /** The Error Prone flag that names the models file. */
  public static final String FLAG = "Miguard:Models";

  /** No models: what the checks use when none are given. */
  public static final Models NONE = new Models(Map.of());

  private final Map<String, Map<Role, Map<String, String>>> roles;

  private Models(Map<String, Map<Role, Map<String, String>>> roles) {
    this.roles = roles;
  }

  /** Whether there are no models at all (then no symbol needs a key). */
  public boolean isEmpty() {
    return roles.isEmpty();
  }

  /** The roles given to {@code key}, each with its arguments; empty if none. */
  public Map<Role, Map<String, String>> rolesOf(String key) {
    return roles.getOrDefault(key, Map.of());
  }

  /**
   * The models of the file {@code file} (if given) and of the services {@code loader} finds. Every
   * problem (an unreadable file, a malformed line, a failing service) goes to {@code problems} as
   * one sentence naming the file and line (or the service and entry); what is well formed is kept.
   */
  public static Models load(@Nullable Path file, ClassLoader loader, Consumer<String> problems) {
    Map<String, Map<Role, Map<String, String>>> roles = new HashMap<>();
    if (file != null) {
      try {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        add(roles, ModelsParser.parse("models file " + file, "line", lines, problems), problems);
      } catch (IOException | RuntimeException e) {
        problems.accept("cannot read the models file " + file + " (" + FLAG + "): " + e);
      }
    }
    try {
      for (MiguardModels service : ServiceLoader.load(MiguardModels.class, loader)) {
        String source = "models service " + service.getClass().getName();
        try {
          add(roles, ModelsParser.parse(source, "entry", service.models(), problems), problems);
        } catch (RuntimeException e) {
          problems.accept(source + " failed: " + e);
        }
      }
    } catch (ServiceConfigurationError e) {
      problems.accept("cannot load a models service (" + MiguardModels.class.getName() + "): " + e);
    }
    return roles.isEmpty() ? NONE : new Models(roles);
  }

  private static void add(
      Map<String, Map<Role, Map<String, String>>> roles,
      List<ModelsParser.Entry> entries,
      Consumer<String> problems) {
    for (ModelsParser.Entry entry : entries) {
      Map<Role, Map<String, String>> given =
          roles.computeIfAbsent(entry.target().key(), key -> new LinkedHashMap<>());
      Map<String, String> before = given.putIfAbsent(entry.role(), entry.arguments());
      if (before != null && !before.equals(entry.arguments())) {
        problems.accept(
            entry.where()
                + ": "
                + entry.role()
                + " is given to "
                + entry.target().key()
                + " twice, with different arguments");
      }
    }
  }
}
