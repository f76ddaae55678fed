package io.miguard.checker;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    return JavacWithPlugin.options("");
  }

  private static Path checkerClasses() throws URISyntaxException {
    return JavacWithPlugin.checkerClasses();
  }
}
