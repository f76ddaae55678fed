package io.miguard.checker;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A failure inside miguard (here a {@link NoSuchFieldError}, as a changed javac or Error Prone
 * would throw, forced by {@code -XepOpt:Miguard:InjectFailureForTesting}) never fails the user's
 * build: the body is skipped with one warning that names it and the cause, whichever checks read
 * it; the other bodies are still checked. The checks run as users load them ({@code
 * -Xplugin:ErrorProne}, both at their default ERROR).
 */
class CrashGuardTest {
  private static final JavaFileObject INVENTORY =
      JavaFileObjects.forSourceLines(
          "demo.Inventory",
          "package demo;",
          "import io.miguard.mi.MiOperation;",
          "import io.miguard.mi.MiSession;",
          "class Inventory {",
          "  void list(MiSession session) {",
          "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Service\");",
          "    java.util.function.Consumer<MiOperation> later = o -> System.out.println(o);",
          "    op.close();",
          "  }",
          "  void other(MiSession session) {",
          "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
          "    op.close();",
          "  }",
          "}");

  private static final String SKIPPED_LIST =
      "[miguard] skipped demo.Inventory#list: the analysis failed with java.lang.NoSuchFieldError:"
          + " injected by -XepOpt:Miguard:InjectFailureForTesting=list";

  @Test
  void aLinkageErrorInTheAnalysisIsOneWarningNamingTheBodyAndTheCause() throws Exception {
    Compilation compilation =
        javac()
            .withOptions(
                JavacWithPlugin.options(
                    "-XepOpt:Miguard:InjectFailureForTesting=list -Xep:MiCloseBeforeDrain:WARN"))
            .compile(INVENTORY);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining(SKIPPED_LIST).inFile(INVENTORY).onLine(5);
    // Both checks read the body; the warning is given once. The other finding is in `other`.
    assertThat(warnings(compilation, "[miguard]")).isEqualTo(1);
    assertThat(compilation)
        .hadWarningContaining("[MiCloseBeforeDrain] Operation 'op' (started on line 11)")
        .inFile(INVENTORY)
        .onLine(12);
    assertThat(warnings(compilation, "[MiCloseBeforeDrain]")).isEqualTo(1);
  }

  @Test
  void theOtherBodiesAreStillCheckedAtTheirSeverity() throws Exception {
    Compilation compilation =
        javac()
            .withOptions(JavacWithPlugin.options("-XepOpt:Miguard:InjectFailureForTesting=list"))
            .compile(INVENTORY);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[MiCloseBeforeDrain] Operation 'op' (started on line 11)")
        .inFile(INVENTORY)
        .onLine(12);
    assertThat(compilation).hadWarningContaining(SKIPPED_LIST);
  }

  @Test
  void withoutTheInjectedFailureTheBodyIsChecked() throws Exception {
    Compilation compilation =
        javac()
            .withOptions(JavacWithPlugin.options("-Xep:MiCloseBeforeDrain:WARN"))
            .compile(INVENTORY);

    assertThat(compilation).succeeded();
    assertThat(warnings(compilation, "[miguard]")).isEqualTo(0);
    assertThat(compilation)
        .hadWarningContaining("[MiCloseBeforeDrain] Operation 'op' (started on line 6)")
        .inFile(INVENTORY)
        .onLine(8);
  }

  @Test
  void failFastRethrowsTheFailure() throws Exception {
    Compilation compilation =
        javac()
            .withOptions(
                JavacWithPlugin.options(
                    "-XepOpt:Miguard:InjectFailureForTesting=list -XepOpt:Miguard:FailFast=true"))
            .compile(INVENTORY);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("NoSuchFieldError");
    assertThat(warnings(compilation, "[miguard]")).isEqualTo(0);
  }

  @Test
  void reportSkippedNotesANestedBodyAnalysedWithoutItsEnclosingBody() throws Exception {
    Compilation compilation =
        javac()
            .withOptions(
                JavacWithPlugin.options(
                    "-XepOpt:Miguard:InjectFailureForTesting=list"
                        + " -XepOpt:Miguard:ReportSkipped=true -Xep:MiCloseBeforeDrain:WARN"))
            .compile(INVENTORY);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadNoteContaining(
            "[miguard] analysed a lambda in demo.Inventory#list (line 7) only in part: its"
                + " enclosing body was skipped")
        .inFile(INVENTORY);
    assertThat(notes(compilation, "[miguard]")).isEqualTo(1);
  }

  @Test
  void withoutReportSkippedThereIsNoNote() throws Exception {
    Compilation compilation =
        javac()
            .withOptions(
                JavacWithPlugin.options(
                    "-XepOpt:Miguard:InjectFailureForTesting=list -Xep:MiCloseBeforeDrain:WARN"))
            .compile(INVENTORY);

    assertThat(notes(compilation, "[miguard]")).isEqualTo(0);
  }

  private static long warnings(Compilation compilation, String prefix) {
    return count(compilation, Diagnostic.Kind.WARNING, prefix);
  }

  private static long notes(Compilation compilation, String prefix) {
    return count(compilation, Diagnostic.Kind.NOTE, prefix);
  }

  private static long count(Compilation compilation, Diagnostic.Kind kind, String prefix) {
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() == kind && d.getMessage(null).startsWith(prefix))
        .count();
  }
}
