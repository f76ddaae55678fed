package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

/**
 * Both checks read one analysis per body, whatever their options (issue 14): with {@code
 * ExceptionalPaths=true} on one check only, each body is still analysed once.
 */
class OneAnalysisPerBodyTest {

  private static final String[] SOURCE = {
    "import io.miguard.mi.*;",
    "class Test {",
    "  MiSession session;",
    "  void closedUndrained() {",
    "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
    "    // BUG: Diagnostic contains: [MiCloseBeforeDrain]",
    "    op.close();",
    "  }",
    "  void closedAfterTheImpersonation(Identity user) {",
    "    MiOperation op;",
    "    try (Impersonation as = SecurityContext.impersonate(user)) {",
    "      op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
    "      op.drainInstances();",
    "    }",
    "    // BUG: Diagnostic contains: [MiCloseInDifferentContext]",
    "    op.close();",
    "  }",
    "  void unwinding(Runnable work) {",
    "    // BUG: Diagnostic contains: [MiCloseBeforeDrain] Operation 'op' (started on line 20)",
    "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
    "      work.run();",
    "      op.drainInstances();",
    "    }",
    "  }",
    "  // BUG: Diagnostic contains: analysed: 3,",
    "  int counted;",
    "}"
  };

  @Test
  void bothChecksWithDifferentOptionsShareOneAnalysisPerBody() {
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(
                MiCloseBeforeDrain.class, MiCloseInDifferentContext.class, AnalysisCounter.class),
            getClass())
        .addSourceLines("Test.java", SOURCE)
        .setArgs(FailFast.FLAG, "-XepOpt:MiCloseBeforeDrain:ExceptionalPaths=true")
        .doTest();
  }

  /**
   * A second compilation counts from zero (the counter lives in the compilation's context), and one
   * check alone with its default options analyses each body once too; {@code unwinding} needs no
   * analysis at all then: what goes wrong there is on an exceptional path only, and the body has
   * the shape {@code GraphFreeProof} proves silent on the default paths.
   */
  @Test
  void oneCheckAloneWithDefaultOptionsAnalysesEachBodyOnce() {
    String[] source = SOURCE.clone();
    for (int i = 0; i < source.length; i++) {
      if (source[i].contains("[MiCloseInDifferentContext]")) {
        source[i] = "    // MiCloseInDifferentContext is off";
      } else if (source[i].contains("(started on line 20)")) {
        source[i] = "    // an unwinding path: reported only with ExceptionalPaths=true";
      } else if (source[i].contains("analysed: 3,")) {
        source[i] = "  // BUG: Diagnostic contains: analysed: 2, proven: 1";
      }
    }
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(MiCloseBeforeDrain.class, AnalysisCounter.class),
            getClass())
        .addSourceLines("Test.java", source)
        .setArgs(FailFast.FLAG)
        .doTest();
  }
}
