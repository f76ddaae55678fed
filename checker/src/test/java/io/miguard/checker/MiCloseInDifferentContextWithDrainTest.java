package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

/**
 * Both checks in one compilation, as users run them: each reports its own rule, also on the same
 * close, from the one shared analysis.
 */
class MiCloseInDifferentContextWithDrainTest {
  /**
   * One source with three faulty closes: undrained only (line 13), in another context only (line
   * 21), and both (line 29, where {@code expectedOnSharedClose} is expected).
   */
  private void compileBoth(String expectedOnSharedClose) {
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(
                MiCloseBeforeDrain.class, MiCloseInDifferentContext.class),
            getClass())
        .setArgs(FailFast.FLAG)
        .addSourceLines(
            "Test.java",
            "import io.miguard.mi.*;",
            "class Test {",
            "  MiSession session;",
            "  void undrained(Identity user) {",
            "    try (Impersonation as = SecurityContext.impersonate(user)) {",
            "      MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
            "      op.getInstance();",
            "      // BUG: Diagnostic contains: [MiCloseBeforeDrain]",
            "      op.close();",
            "    }",
            "  }",
            "  void foreign(Identity user) {",
            "    MiOperation op;",
            "    try (Impersonation as = SecurityContext.impersonate(user)) {",
            "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
            "      op.drainInstances();",
            "    }",
            "    // BUG: Diagnostic contains: [MiCloseInDifferentContext]",
            "    op.close();",
            "  }",
            "  void both(Identity user) {",
            "    MiOperation op;",
            "    try (Impersonation as = SecurityContext.impersonate(user)) {",
            "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
            "      op.getInstance();",
            "    }",
            "    // BUG: Diagnostic contains: " + expectedOnSharedClose,
            "    op.close();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void theDrainCheckReportsTheSharedClose() {
    compileBoth("[MiCloseBeforeDrain]");
  }

  @Test
  void theContextCheckReportsTheSharedClose() {
    compileBoth("[MiCloseInDifferentContext] 'op' was started on line 24 as 'user'");
  }
}
