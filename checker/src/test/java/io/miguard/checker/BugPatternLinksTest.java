package io.miguard.checker;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.errorprone.BugPattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every check registered in the built classes links its diagnostics to its page in this repository,
 * {@code docs/bugpatterns/<CheckName>.md}, under the project URL the POM names.
 */
class BugPatternLinksTest {
  private static final Path REPOSITORY_ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyCheckLinksToItsPageInTheRepository() throws Exception {
    List<Class<?>> checks = registeredChecks();
    assertThat(checks).isNotEmpty();
    for (Class<?> check : checks) {
      BugPattern pattern = check.getAnnotation(BugPattern.class);
      assertThat(pattern).isNotNull();
      String name = pattern.name().isEmpty() ? check.getSimpleName() : pattern.name();
      assertThat(pattern.linkType()).isEqualTo(BugPattern.LinkType.CUSTOM);
      assertThat(pattern.link()).isEqualTo(ProjectLinks.BUG_PATTERNS + name + ".md");
      Path page = REPOSITORY_ROOT.resolve("docs/bugpatterns/" + name + ".md");
      assertThat(Files.isRegularFile(page)).isTrue();
      assertThat(Files.readString(page, UTF_8)).contains(name);
    }
  }

  @Test
  void thePomNamesTheSameRepository() throws Exception {
    String pom = Files.readString(REPOSITORY_ROOT.resolve("pom.xml"), UTF_8);
    assertThat(pom).contains("<url>" + ProjectLinks.REPOSITORY + "</url>");
    assertThat(ProjectLinks.BUG_PATTERNS).startsWith(ProjectLinks.REPOSITORY + "/");
  }

  private static List<Class<?>> registeredChecks() throws Exception {
    Path registration =
        JavacWithPlugin.checkerClasses()
            .resolve("META-INF/services/com.google.errorprone.bugpatterns.BugChecker");
    List<Class<?>> checks = new ArrayList<>();
    for (String line : Files.readAllLines(registration, UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        checks.add(Class.forName(line.strip()));
      }
    }
    return checks;
  }
}
