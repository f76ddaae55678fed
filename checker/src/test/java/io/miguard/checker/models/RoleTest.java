package io.miguard.checker.models;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.miguard.annotations.OperationHandle;
import java.lang.annotation.ElementType;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The models format keeps up with the vocabulary: every annotation of {@code
 * io.miguard.annotations} (read from the annotations artifact itself, so a new one cannot be
 * forgotten) has a {@link Role} with the same targets and arguments, and every role stands for an
 * annotation that exists.
 */
class RoleTest {
  @Test
  void everyVocabularyAnnotationHasARoleWithItsTargetsAndArguments() throws Exception {
    List<Class<?>> annotations = vocabulary();
    assertThat(annotations.size()).isAtLeast(20);
    Set<Role> seen = EnumSet.noneOf(Role.class);
    for (Class<?> annotation : annotations) {
      Role role = Role.named(annotation.getSimpleName());
      assertWithMessage("the role of @%s", annotation.getSimpleName()).that(role).isNotNull();
      seen.add(role);
      assertThat(role.annotationName()).isEqualTo(annotation.getName());
      assertWithMessage("the targets of %s", role)
          .that(role.targets())
          .containsExactlyElementsIn(targets(annotation));
      assertWithMessage("the arguments of %s", role)
          .that(role.arguments())
          .containsExactlyEntriesIn(arguments(annotation));
    }
    assertWithMessage("roles without an annotation")
        .that(EnumSet.complementOf(EnumSet.copyOf(seen)))
        .isEmpty();
  }

  @Test
  void aRoleIsNamedByItsConstantOrByItsAnnotation() {
    assertThat(Role.named("STARTS_OPERATION")).isEqualTo(Role.STARTS_OPERATION);
    assertThat(Role.named("StartsOperation")).isEqualTo(Role.STARTS_OPERATION);
    assertThat(Role.named("@StartsOperation")).isEqualTo(Role.STARTS_OPERATION);
    assertThat(Role.named("RETRIEVES")).isNull();
  }

  private static Set<Role.Target> targets(Class<?> annotation) {
    Set<Role.Target> targets = EnumSet.noneOf(Role.Target.class);
    for (ElementType type : annotation.getAnnotation(Target.class).value()) {
      targets.add(Role.Target.valueOf(type.name()));
    }
    return targets;
  }

  /** Each element: the names of its enum's constants, or nothing for a string. */
  private static Map<String, List<String>> arguments(Class<?> annotation) {
    Map<String, List<String>> arguments = new HashMap<>();
    for (Method element : annotation.getDeclaredMethods()) {
      Class<?> type = element.getReturnType();
      arguments.put(
          element.getName(),
          type.isEnum()
              ? Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList()
              : List.of());
      if (!type.isEnum()) {
        assertThat(type).isEqualTo(String.class);
      }
    }
    return arguments;
  }

  /** The annotation types of the vocabulary's package, from the artifact that holds it. */
  private static List<Class<?>> vocabulary() throws Exception {
    Path location =
        Path.of(OperationHandle.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> annotations = new ArrayList<>();
    if (Files.isDirectory(location)) {
      collect(location.resolve("io/miguard/annotations"), annotations);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        collect(jar.getPath("io/miguard/annotations"), annotations);
      }
    }
    return annotations;
  }

  private static void collect(Path directory, List<Class<?>> annotations) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$") && !name.startsWith("package-info")) {
          Class<?> type =
              Class.forName("io.miguard.annotations." + name.substring(0, name.length() - 6));
          if (type.isAnnotation()) {
            annotations.add(type);
          }
        }
      }
    }
  }
}
