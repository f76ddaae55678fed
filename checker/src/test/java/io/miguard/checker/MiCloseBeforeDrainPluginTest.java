package io.miguard.checker;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Loads the check the way users do: javac with {@code -Xplugin:ErrorProne}, Error Prone and the
 * checker's classes on the processor path, the check found through the service registration that
 * {@code @AutoService} wrote into the built classes.
 */
class MiCloseBeforeDrainPluginTest {
  private static final String SERVICE =
      "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";

  @Test
  void theBuiltClassesRegisterTheCheck() throws Exception {
    Path registration = checkerClasses().resolve(SERVICE);
    assertThat(Files.readAllLines(registration)).contains(MiCloseBeforeDrain.class.getName());
  }

  @Test
  void javacWithThePluginReportsAnUndrainedClose() throws Exception {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "demo.Inventory",
            "package demo;",
            "import io.miguard.mi.MiOperation;",
            "import io.miguard.mi.MiSession;",
            "class Inventory {",
            "  void list(MiSession session) {",
            "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Service\");",
            "    op.close();",
            "  }",
            "  void drained(MiSession session) {",
            "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Service\");",
            "    op.drainInstances();",
            "    op.close();",
            "  }",
            "}");
    Compilation compilation = javac().withOptions(pluginOptions()).compile(source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("[MiCloseBeforeDrain] Operation 'op' (started on line 6) is closed")
        .inFile(source)
        .onLine(7);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void theCheckCanBeTurnedOff() throws Exception {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "demo.Off",
            "package demo;",
            "class Off {",
            "  void list(io.miguard.mi.MiSession session) {",
            "    session.enumerateInstances(\"root/cimv2\", \"Win32_Service\").close();",
            "  }",
            "}");
    List<String> options = new ArrayList<>(pluginOptions());
    int plugin = options.size() - 1;
    options.set(plugin, options.get(plugin) + " -Xep:MiCloseBeforeDrain:OFF");

    assertThat(javac().withOptions(options).compile(source)).succeededWithoutWarnings();
  }

  private static List<String> pluginOptions() throws URISyntaxException {
    String classpath = testClasspath();
    List<String> options = new ArrayList<>();
    options.add("-XDcompilePolicy=simple");
    options.add("--should-stop=ifError=FLOW");
    if (Runtime.version().feature() >= 21) {
      options.add("-XDaddTypeAnnotationsToSymbol=true");
    }
    options.add("-classpath");
    options.add(classpath);
    // Error Prone and the checker are found on the processor path, as a build tool puts them.
    options.add("-processorpath");
    options.add(checkerClasses() + File.pathSeparator + classpath);
    // PackageInfo cannot handle compile-testing's in-memory source URIs.
    options.add("-Xplugin:ErrorProne -Xep:PackageInfo:OFF");
    return options;
  }

  /** The test class path (surefire may hide it behind a manifest-only jar). */
  private static String testClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    String classpath = surefire != null ? surefire : System.getProperty("java.class.path");
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The directory the checker's main classes were built into. */
  private static Path checkerClasses() throws URISyntaxException {
    return Path.of(
        MiCloseBeforeDrain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
