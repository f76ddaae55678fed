package io.miguard.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import org.junit.jupiter.api.Test;

/** The suggested fix: drain before an explicit close of a multi-result operation never drained. */
class MiCloseBeforeDrainFixTest {
  private final BugCheckerRefactoringTestHelper helper =
      BugCheckerRefactoringTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
          .setArgs(FailFast.FLAG);

  @Test
  void insertsTheHandleTypesDrainBeforeTheClose() {
    helper
        .addInputLines(
            "Test.java",
            "import io.miguard.mi.MiOperation;",
            "import io.miguard.mi.MiSession;",
            "class Test {",
            "  void list(MiSession s) {",
            "    MiOperation op = s.enumerateInstances(\"root/cimv2\", \"Win32_Service\");",
            "    System.out.println(op.isSynchronous());",
            "    op.close();",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import io.miguard.mi.MiOperation;",
            "import io.miguard.mi.MiSession;",
            "class Test {",
            "  void list(MiSession s) {",
            "    MiOperation op = s.enumerateInstances(\"root/cimv2\", \"Win32_Service\");",
            "    System.out.println(op.isSynchronous());",
            "    op.drainInstances();",
            "    op.close();",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void insertsTheDrainTheStartNamesForAClassEnumeration() {
    helper
        .addInputLines(
            "Test.java",
            "import io.miguard.mi.MiOperation;",
            "import io.miguard.mi.MiSession;",
            "class Test {",
            "  void list(MiSession s) {",
            "    MiOperation op = s.enumerateClasses(\"root/cimv2\", \"Win32_Service\", true);",
            "    op.close();",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import io.miguard.mi.MiOperation;",
            "import io.miguard.mi.MiSession;",
            "class Test {",
            "  void list(MiSession s) {",
            "    MiOperation op = s.enumerateClasses(\"root/cimv2\", \"Win32_Service\", true);",
            "    op.drainClasses();",
            "    op.close();",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void usesTheDrainMethodOfTheUsersOwnHandle() {
    helper
        .addInputLines(
            "fake/Query.java",
            "package fake;",
            "import io.miguard.annotations.*;",
            "@OperationHandle",
            "public class Query implements AutoCloseable {",
            "  @RetrievesResult public Row fetch() { return null; }",
            "  public void describe() {}",
            "  @DrainsResults public void finish() {",
            "    Row r;",
            "    do { r = fetch(); } while (r.pending());",
            "  }",
            "  @ClosesOperation @Override public void close() {}",
            "}")
        .expectUnchanged()
        .addInputLines(
            "fake/Row.java",
            "package fake;",
            "public record Row(@io.miguard.annotations.MoreResults boolean pending) {}")
        .expectUnchanged()
        .addInputLines(
            "fake/Connection.java",
            "package fake;",
            "import io.miguard.annotations.StartsOperation;",
            "public class Connection {",
            "  @StartsOperation public Query select(String what) { return null; }",
            "}")
        .expectUnchanged()
        .addInputLines(
            "Test.java",
            "import fake.*;",
            "class Test {",
            "  void list(Connection c) {",
            "    Query q = c.select(\"everything\");",
            "    if (q != null) {",
            "      q.close();",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Test.java",
            "import fake.*;",
            "class Test {",
            "  void list(Connection c) {",
            "    Query q = c.select(\"everything\");",
            "    if (q != null) {",
            "      q.finish();",
            "      q.close();",
            "    }",
            "  }",
            "}")
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void noFixWhenTheNamedDrainIsNotADrainOfTheHandle() {
    helper
        .addInputLines(
            "fake/Query.java",
            "package fake;",
            "import io.miguard.annotations.*;",
            "@OperationHandle",
            "public class Query implements AutoCloseable {",
            "  @RetrievesResult public Row fetch() { return null; }",
            "  public void finishRows() {}",
            "  @DrainsResults public void finish() {",
            "    Row r;",
            "    do { r = fetch(); } while (r.pending());",
            "  }",
            "  @ClosesOperation @Override public void close() {}",
            "}")
        .expectUnchanged()
        .addInputLines(
            "fake/Row.java",
            "package fake;",
            "public record Row(@io.miguard.annotations.MoreResults boolean pending) {}")
        .expectUnchanged()
        .addInputLines(
            "fake/Connection.java",
            "package fake;",
            "import io.miguard.annotations.StartsOperation;",
            "public class Connection {",
            "  @StartsOperation(drainWith = \"finishRows\")",
            "  public Query select(String what) { return null; }",
            "}")
        .expectUnchanged()
        .addInputLines(
            "Test.java",
            "import fake.*;",
            "class Test {",
            "  void list(Connection c) {",
            "    Query q = c.select(\"everything\");",
            "    q.close();",
            "  }",
            "}")
        .expectUnchanged()
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }

  @Test
  void noFixWhereNoneIsClearlyRight() {
    // Drained on one path (a loop that may exit early), a single-result operation, and the
    // implicit close of a try-with-resources: reported, but no fix is offered.
    helper
        .addInputLines(
            "Test.java",
            "import io.miguard.mi.*;",
            "class Test {",
            "  void early(MiSession s) {",
            "    MiOperation op = s.enumerateInstances(\"root/cimv2\", \"Win32_Service\");",
            "    InstanceResult r;",
            "    do {",
            "      r = op.getInstance();",
            "      if (r.instance() == null) break;",
            "    } while (r.moreResults());",
            "    op.close();",
            "  }",
            "  void single(MiSession s) {",
            "    MiOperation op = s.testConnection();",
            "    op.close();",
            "  }",
            "  void resource(MiSession s) {",
            "    try (MiOperation op = s.enumerateInstances(\"root/cimv2\", \"Win32_Service\")) {",
            "      op.getInstance();",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .doTest(BugCheckerRefactoringTestHelper.TestMode.TEXT_MATCH);
  }
}
