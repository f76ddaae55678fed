package io.miguard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

/**
 * The names of miguard's checks, found the way Error Prone finds plugin checks: every {@code
 * BugChecker} a jar on the class path registers as a service ({@code @AutoService}) whose class is
 * miguard's. A check added to the checker module is timed and its findings compared without any
 * change here. Read from the service files and the classes' {@code @BugPattern} reflectively,
 * because the driver and the plain-javac worker have no Error Prone to link against (in a JVM
 * without miguard the list is empty).
 */
final class MiguardChecks {
  static final String SERVICE_FILE =
      "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";
  private static final String MIGUARD_PACKAGE = "io.miguard.";

  private static final List<String> NAMES = discover(MiguardChecks.class.getClassLoader());

  private MiguardChecks() {}

  /** The check names, sorted. */
  static List<String> names() {
    return NAMES;
  }

  /** The check a diagnostic's message comes from ({@code [Name] ...}), if it is miguard's. */
  static String checkOf(String message) {
    for (String check : NAMES) {
      if (message.startsWith("[" + check + "]")) {
        return check;
      }
    }
    return null;
  }

  static List<String> discover(ClassLoader loader) {
    TreeSet<String> names = new TreeSet<>();
    try {
      for (URL services : Collections.list(loader.getResources(SERVICE_FILE))) {
        try (BufferedReader lines =
            new BufferedReader(new InputStreamReader(services.openStream(), UTF_8))) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String className = line.replaceFirst("#.*", "").strip();
            if (className.startsWith(MIGUARD_PACKAGE)) {
              names.add(checkName(className, loader));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(names);
  }

  /** The {@code @BugPattern} name, or the simple class name Error Prone defaults to. */
  private static String checkName(String className, ClassLoader loader) {
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    try {
      Class<?> check = Class.forName(className, false, loader);
      @SuppressWarnings("unchecked")
      Class<? extends Annotation> bugPattern =
          (Class<? extends Annotation>)
              Class.forName("com.google.errorprone.BugPattern", false, loader);
      Annotation pattern = check.getAnnotation(bugPattern);
      if (pattern != null) {
        String name = (String) bugPattern.getMethod("name").invoke(pattern);
        return name.isEmpty() ? simpleName : name;
      }
      return simpleName;
    } catch (ReflectiveOperationException | LinkageError noErrorProne) {
      return simpleName;
    }
  }
}
