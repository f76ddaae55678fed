package io.miguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Locale;
import jdk.jfr.Recording;

/**
 * Profiles miguard on the MI-heavy code: compiles it in this JVM with Error Prone and miguard
 * {@code compilations} times (the first {@code warmups} unrecorded), with Java Flight Recorder on,
 * writes the recording and prints {@link ProfileSummary}'s summary of it. Run it with the {@code
 * profile} Maven profile (bench/README.md), which puts Error Prone and the checker on the class
 * path:
 *
 * <pre>{@code
 * mvn -B -q -Pprofile -DskipTests -pl bench -am verify [-Dprofile.classes=80 -Dprofile.compilations=10]
 * }</pre>
 */
public final class ProfileRun {
  private ProfileRun() {}

  public static void main(String[] args) throws IOException, ParseException {
    int classes = Integer.getInteger("miguard.profile.classes", 80);
    int warmups = Integer.getInteger("miguard.profile.warmups", 3);
    int compilations = Integer.getInteger("miguard.profile.compilations", 10);
    Path recordingFile =
        Path.of(System.getProperty("miguard.profile.recording", "bench/target/profile.jfr"));
    String errorProneJdkFlag = System.getProperty("errorprone.jdk.flag", "-XDcompilePolicy=simple");

    Path root = Files.createTempDirectory("miguard-profile");
    Path output = Files.createTempDirectory("miguard-profile-classes");
    try {
      GeneratedSources generated = MiHeavyGenerator.generate(root, classes);
      CompileRequest request =
          new CompileRequest(
              Workers.options(
                  Configuration.ERROR_PRONE_MIGUARD,
                  errorProneJdkFlag,
                  output,
                  MiHeavySuite.bindingClassPath()),
              generated.files());
      for (int i = 0; i < warmups; i++) {
        compile(request, generated);
      }
      long wall = 0;
      long inside = 0;
      try (Recording recording = new Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
        recording.start();
        for (int i = 0; i < compilations; i++) {
          CompileResult result = compile(request, generated);
          wall += result.wallNanos();
          inside += result.miguardNanos();
        }
        recording.stop();
        Files.createDirectories(recordingFile.toAbsolutePath().getParent());
        recording.dump(recordingFile);
      }
      System.out.printf(
          Locale.ROOT,
          "%d compilations of %d MI-heavy classes: %.2f s each, %.0f ms (%.1f%%) inside the"
              + " miguard checks by Error Prone's timers; recording %s%n%n",
          compilations,
          classes,
          wall / 1e9 / compilations,
          inside / 1e6 / compilations,
          100.0 * inside / wall,
          recordingFile);
      System.out.println(ProfileSummary.of(recordingFile).render());
    } finally {
      Workers.deleteRecursively(root);
      Workers.deleteRecursively(output);
    }
  }

  private static CompileResult compile(CompileRequest request, GeneratedSources generated)
      throws IOException {
    CompileResult result = CompileWorker.compile(request);
    if (result.errors() > 0) {
      throw new IllegalStateException(result.firstError());
    }
    MiHeavySuite.requireSame(generated.expectedFindings(), result.findings());
    return result;
  }
}
