package io.miguard.bench;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.miguard.bench.ScalingGenerator.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's code is what it claims to be: the generated classes compile in every worker
 * configuration, miguard reports exactly the mistakes the generator planted (no more: the correct
 * methods are correct; no fewer: the checks ran on the measured code), the scaling methods are all
 * correct, and the plain-javac and Error Prone-only workers never load miguard.
 */
class GeneratedCodeTest {
  private static Workers workers;

  @BeforeAll
  static void startWorkers() throws IOException {
    List<String> jvmArgs =
        new ArrayList<>(
            Arrays.asList(System.getProperty("miguard.bench.workerJvmArgs", "").trim().split(" ")));
    jvmArgs.removeIf(String::isEmpty);
    workers =
        Workers.start(
            jvmArgs, System.getProperty("errorprone.jdk.flag", "-XDcompilePolicy=simple"));
  }

  @AfterAll
  static void stopWorkers() throws IOException {
    workers.close();
  }

  @Test
  void miHeavyCodeHasExactlyThePlantedFindings(@TempDir Path root) throws IOException {
    GeneratedSources generated = MiHeavyGenerator.generate(root, 2);

    CompileResult result =
        workers.compile(
            Configuration.ERROR_PRONE_MIGUARD, generated.files(), MiHeavySuite.bindingClassPath());

    assertThat(generated.expectedFindings()).hasSize(8);
    assertThat(result.findings()).containsExactlyElementsIn(generated.expectedFindings());
    assertThat(result.miguardNanos()).isGreaterThan(0L);
  }

  @Test
  void withoutThePluginThereAreNoFindingsAndNoMiguardTime(@TempDir Path root) throws IOException {
    GeneratedSources generated = MiHeavyGenerator.generate(root, 1);

    for (Configuration configuration :
        new Configuration[] {Configuration.JAVAC, Configuration.ERROR_PRONE}) {
      CompileResult result =
          workers.compile(configuration, generated.files(), MiHeavySuite.bindingClassPath());
      assertThat(result.findings()).isEmpty();
      assertThat(result.miguardNanos()).isEqualTo(0L);
    }
  }

  @Test
  void errorProneRunsInBothErrorProneWorkersOnly(@TempDir Path root) throws IOException {
    GeneratedSources generated = MiHeavyGenerator.generate(root, 1);

    assertThat(
            workers
                .compile(Configuration.JAVAC, generated.files(), MiHeavySuite.bindingClassPath())
                .errorProneNanos())
        .isEqualTo(0L);
    assertThat(
            workers
                .compile(
                    Configuration.ERROR_PRONE, generated.files(), MiHeavySuite.bindingClassPath())
                .errorProneNanos())
        .isGreaterThan(0L);
  }

  @Test
  void scalingMethodsAreCorrectAtTheLargestSizes(@TempDir Path root) throws IOException {
    for (Shape shape : Shape.values()) {
      int largest =
          switch (shape) {
            case STATEMENTS -> 2000;
            case NESTING -> 30;
            case LIVE_OPERATIONS -> 200;
          };
      GeneratedSources generated =
          ScalingGenerator.generate(root.resolve(shape.name()), shape, largest);

      CompileResult result =
          workers.compile(
              Configuration.ERROR_PRONE_MIGUARD,
              generated.files(),
              MiHeavySuite.bindingClassPath());

      assertThat(generated.expectedFindings()).isEmpty();
      assertThat(result.findings()).isEmpty();
      assertThat(result.miguardNanos()).isGreaterThan(0L);
    }
  }

  @Test
  void aCompileErrorFailsTheMeasurement(@TempDir Path root) throws IOException {
    SourceWriter broken = new SourceWriter("Broken.java").lines("class Broken { int x = ; }");
    Path file = broken.writeTo(root);

    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> workers.compile(Configuration.JAVAC, List.of(file), List.of()));
    assertThat(error).hasMessageThat().contains("compile errors");
  }
}
