package io.miguard.checker;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's {@code .mvn/jvm.config} block is the repository's file, line for line. */
class ReadmeJvmConfigTest {
  private static final Path REPOSITORY_ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String INTRODUCTION =
      "`.mvn/jvm.config` (exactly as this repository's [`.mvn/jvm.config`](.mvn/jvm.config)):";

  @Test
  void readmeBlockEqualsTheRepositoryFile() throws Exception {
    List<String> readme = Files.readAllLines(REPOSITORY_ROOT.resolve("README.md"), UTF_8);
    int introduction = readme.indexOf(INTRODUCTION);
    assertThat(introduction).isAtLeast(0);
    int open = introduction + 1;
    while (readme.get(open).isBlank()) {
      open++;
    }
    assertThat(readme.get(open)).isEqualTo("```");
    int close = open + 1;
    while (!readme.get(close).equals("```")) {
      close++;
    }

    List<String> file = Files.readAllLines(REPOSITORY_ROOT.resolve(".mvn/jvm.config"), UTF_8);
    assertThat(readme.subList(open + 1, close)).containsExactlyElementsIn(file).inOrder();
  }
}
