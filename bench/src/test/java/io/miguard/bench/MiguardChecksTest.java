package io.miguard.bench;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks are found from the checker jar's service registrations, not from a list. */
class MiguardChecksTest {
  @Test
  void findsEveryRegisteredMiguardCheck() {
    assertThat(MiguardChecks.names())
        .containsAtLeast("MiCloseBeforeDrain", "MiCloseInDifferentContext");
    assertThat(MiguardChecks.names()).isInOrder();
    assertThat(MiguardChecks.names().stream().allMatch(name -> name.startsWith("Mi"))).isTrue();
  }

  @Test
  void readsOnlyMiguardClassesAndDefaultsToTheSimpleName(@TempDir Path jar) throws IOException {
    Path services = jar.resolve(MiguardChecks.SERVICE_FILE);
    Files.createDirectories(services.getParent());
    Files.writeString(
        services,
        "# a comment\ncom.example.OtherCheck\nio.miguard.checker.NotOnTheClassPath # trailing\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, /* parent= */ null)) {
      assertThat(MiguardChecks.discover(loader)).isEqualTo(List.of("NotOnTheClassPath"));
    }
  }

  @Test
  void namesTheCheckOfAMessage() {
    assertThat(MiguardChecks.checkOf("[MiCloseBeforeDrain] the operation is closed"))
        .isEqualTo("MiCloseBeforeDrain");
    assertThat(MiguardChecks.checkOf("[UnusedVariable] x")).isNull();
  }
}
