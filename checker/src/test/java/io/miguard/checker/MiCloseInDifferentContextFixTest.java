package io.miguard.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import org.junit.jupiter.api.Test;

/** The suggested fix of {@link MiCloseInDifferentContext}: the close moves back into the scope. */
class MiCloseInDifferentContextFixTest {
  private final BugCheckerRefactoringTestHelper helper =
      BugCheckerRefactoringTestHelper.newInstance(MiCloseInDifferentContext.class, getClass())
          .setArgs(FailFast.FLAG);

  @Test
  void closeAfterAnExplicitRevertMovesBeforeIt() {
    helper
        .addInputLines(
            "Test.java",
            "import io.miguard.mi.*;",
            "import java.util.List;",
            "class Test {",
            "  List<MiInstance> read(MiSession session, Identity user) {",
            "    Impersonation as = SecurityContext.impersonate(user);",
            "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
            "    List<MiInstance> all = op.drainInstances();",
            "    as.close();",
            "    System.out.println(\"reverted\");",
            "    op.close();",
            "    return all;",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import io.miguard.mi.*;",
            "import java.util.List;",
            "class Test {",
            "  List<MiInstance> read(MiSession session, Identity user) {",
            "    Impersonation as = SecurityContext.impersonate(user);",
            "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
            "    List<MiInstance> all = op.drainInstances();",
            "    op.close();",
            "    as.close();",
            "    System.out.println(\"reverted\");",
            "    return all;",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void closeRightAfterTheImpersonationBlockMovesToItsEnd() {
    helper
        .addInputLines(
            "Test.java",
            "import io.miguard.mi.*;",
            "class Test {",
            "  void read(MiSession session, Identity user) {",
            "    MiOperation op;",
            "    try (Impersonation as = SecurityContext.impersonate(user)) {",
            "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
            "      op.drainInstances();",
            "    }",
            "    op.close();",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import io.miguard.mi.*;",
            "class Test {",
            "  void read(MiSession session, Identity user) {",
            "    MiOperation op;",
            "    try (Impersonation as = SecurityContext.impersonate(user)) {",
            "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
            "      op.drainInstances();",
            "      op.close();",
            "    }",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void noFixWhenTheOperationIsUsedBetweenTheRevertAndTheClose() {
    helper
        .addInputLines(
            "Test.java",
            "import io.miguard.mi.*;",
            "class Test {",
            "  boolean read(MiSession session, Identity user) {",
            "    Impersonation as = SecurityContext.impersonate(user);",
            "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
            "    as.close();",
            "    op.drainInstances();",
            "    op.close();",
            "    return true;",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFixForACloseOnAnotherThread() {
    helper
        .addInputLines(
            "Test.java",
            "import io.miguard.mi.*;",
            "import java.util.concurrent.Executor;",
            "class Test {",
            "  void read(MiSession session, Identity user, Executor pool) {",
            "    try (Impersonation as = SecurityContext.impersonate(user)) {",
            "      MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
            "      op.drainInstances();",
            "      pool.execute(() -> op.close());",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }

  @Test
  void noFixWhenTheCloseIsNotRightAfterTheBlock() {
    helper
        .addInputLines(
            "Test.java",
            "import io.miguard.mi.*;",
            "class Test {",
            "  void read(MiSession session, Identity user) {",
            "    MiOperation op;",
            "    try (Impersonation as = SecurityContext.impersonate(user)) {",
            "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
            "      op.drainInstances();",
            "    }",
            "    System.out.println(op);",
            "    op.close();",
            "  }",
            "}")
        .expectUnchanged()
        .doTest();
  }
}
