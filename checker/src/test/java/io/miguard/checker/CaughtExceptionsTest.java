package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The exceptional-edge rule ({@code ExceptionalEdges}, the bug-pattern pages): which exceptions a
 * check follows by default, for both checks. Each source is a class {@code Test} whose body starts
 * on line 7 (lines 1-6 are imports, the class header and the fields {@code session}, {@code work}
 * and {@code numbers}).
 */
class CaughtExceptionsTest {

  private static CompilationTestHelper source(
      Class<? extends OperationBodyChecker> check, boolean exceptionalPaths, String... lines) {
    List<String> source = new ArrayList<>();
    source.add("import io.miguard.mi.*;");
    source.add("import java.io.*;");
    source.add("class Test {");
    source.add("  MiSession session;");
    source.add("  Runnable work;");
    source.add("  int[] numbers;");
    source.addAll(Arrays.asList(lines));
    source.add("}");
    CompilationTestHelper helper =
        CompilationTestHelper.newInstance(check, CaughtExceptionsTest.class)
            .addSourceLines("Test.java", source.toArray(new String[0]));
    String name = check.getSimpleName();
    return exceptionalPaths
        ? helper.setArgs(FailFast.FLAG, "-XepOpt:" + name + ":ExceptionalPaths=true")
        : helper.setArgs(FailFast.FLAG);
  }

  private static CompilationTestHelper drain(String... lines) {
    return source(MiCloseBeforeDrain.class, false, lines);
  }

  private static CompilationTestHelper drainWithExceptionalPaths(String... lines) {
    return source(MiCloseBeforeDrain.class, true, lines);
  }

  private static CompilationTestHelper context(String... lines) {
    return source(MiCloseInDifferentContext.class, false, lines);
  }

  private static CompilationTestHelper contextWithExceptionalPaths(String... lines) {
    return source(MiCloseInDifferentContext.class, true, lines);
  }

  /** Class 1: an exception caught in the method puts the close on a normal path. */
  @Nested
  class CaughtInTheMethod {
    @Test
    void narrowHandlerAroundTryWithResources() {
      drain(
              "  long total() {",
              "    long total = 0;",
              "    // BUG: Diagnostic contains: 'op' (started on line 10) may be closed before its"
                  + " final result is retrieved: the path through line 11",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      for (MiInstance d : op.instances()) total += Long.parseLong((String)"
                  + " d.get(\"Size\"));",
              "    } catch (NumberFormatException e) {",
              "      return 0;",
              "    }",
              "    return total;",
              "  }")
          .doTest();
    }

    @Test
    void borrowedInstanceAccessorsThrowOnlyOnMisuse() {
      // MiInstance#className declares MiException, thrown only for a released instance (what
      // MiResultUsedAfterRetrieval reports): not a path into the catch-all through the close.
      drain(
              "  int names(int limit) {",
              "    int total = 0;",
              "    try {",
              "      try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "        for (MiInstance x : op.instances()) total += x.className().length();",
              "      }",
              "    } catch (RuntimeException e) {",
              "      total--;",
              "    }",
              "    return total;",
              "  }")
          .doTest();
    }

    @Test
    void whatANarrowHandlerDoesNotCatchGoesOnPastItUnfollowed() {
      // The constructor's other unchecked exceptions are not IllegalStateExceptions: they leave
      // through the implicit close, an exceptional-only path (found by the generated programs).
      drain(
              "  void m(boolean c) {",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      try {",
              "        if (c) throw new IllegalStateException();",
              "      } catch (IllegalStateException e) {",
              "      }",
              "      op.drainInstances();",
              "    }",
              "  }",
              "  void n() {",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      try {",
              "        work.run();",
              "        op.drainInstances();",
              "      } catch (IllegalArgumentException e) {",
              "        op.drainInstances();",
              "      }",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void whatANarrowHandlerDoesNotCatchDoesNotJoinAThrowFromTheHandler() {
      // The handler drains and throws (a throw is followed everywhere); the other exceptions of
      // the parse pass the handler undrained. They meet at the implicit close, where only the
      // throw's path is followed (found by the transplant sweep in guava's CacheBuilderSpec).
      drain(
              "  void parse(String value) {",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      try {",
              "        work.run();",
              "        Integer.parseInt(value);",
              "      } catch (NumberFormatException e) {",
              "        op.drainInstances();",
              "        throw new IllegalArgumentException(value, e);",
              "      }",
              "      op.drainInstances();",
              "    }",
              "  }",
              "  void parseInAFinally(String value) {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "    try {",
              "      try {",
              "        Integer.parseInt(value);",
              "      } catch (NumberFormatException e) {",
              "        op.drainInstances();",
              "        throw new IllegalArgumentException(value, e);",
              "      }",
              "      op.drainInstances();",
              "    } finally {",
              "      op.close();",
              "    }",
              "  }",
              "  void handlerThatDoesNotDrain(String value) {",
              "    // BUG: Diagnostic contains: may be closed before its final result",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      try {",
              "        Integer.parseInt(value);",
              "      } catch (NumberFormatException e) {",
              "        throw new IllegalArgumentException(value, e);",
              "      }",
              "      op.drainInstances();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void whatANarrowHandlerDoesNotCatchBesideAThrowIsReportedWithExceptionalPaths() {
      drainWithExceptionalPaths(
              "  void parse(String value) {",
              "    // BUG: Diagnostic contains: may be closed before its final result",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      try {",
              "        work.run();",
              "      } catch (IllegalArgumentException e) {",
              "        op.drainInstances();",
              "        throw new IllegalStateException(e);",
              "      }",
              "      op.drainInstances();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void whatANarrowHandlerDoesNotCatchIsReportedWithExceptionalPaths() {
      drainWithExceptionalPaths(
              "  void n() {",
              "    // BUG: Diagnostic contains: may be closed before its final result",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      try {",
              "        work.run();",
              "        op.drainInstances();",
              "      } catch (IllegalArgumentException e) {",
              "        op.drainInstances();",
              "      }",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void narrowHandlerAroundTryWithResourcesDrainedFirst() {
      drain(
              "  long total() {",
              "    long total = 0;",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      op.drainInstances();",
              "      total += Long.parseLong(\"12\");",
              "    } catch (NumberFormatException e) {",
              "      return 0;",
              "    }",
              "    return total;",
              "  }")
          .doTest();
    }

    @Test
    void closeInAFinallyNestedInAnOuterTryCatch() {
      drain(
              "  long total() {",
              "    long total = 0;",
              "    try {",
              "      MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "      try {",
              "        for (MiInstance d : op.instances()) total += Long.parseLong((String)"
                  + " d.get(\"Size\"));",
              "      } finally {",
              "        // BUG: Diagnostic contains: 'op' (started on line 10) may be closed before"
                  + " its final result is retrieved",
              "        op.close();",
              "      }",
              "    } catch (NumberFormatException e) {",
              "      return 0;",
              "    }",
              "    return total;",
              "  }")
          .doTest();
    }

    @Test
    void declaredExceptionCaughtByACatchAll() {
      drain(
              "  void read() {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "    try {",
              "      session.testConnection();",
              "      op.drainInstances();",
              "    } catch (Exception e) {",
              "      // BUG: Diagnostic contains: 'op' (started on line 8) may be closed before its"
                  + " final result is retrieved",
              "      op.close();",
              "      return;",
              "    }",
              "    op.close();",
              "  }")
          .doTest();
    }

    @Test
    void undeclaredExceptionOnlyACatchAllCatches() {
      drain(
              "  void read() {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "    try {",
              "      work.run();",
              "      op.drainInstances();",
              "    } catch (RuntimeException e) {",
              "      op.close();",
              "      return;",
              "    }",
              "    op.close();",
              "  }")
          .doTest();
    }

    @Test
    void undeclaredExceptionOnlyACatchAllCatchesWithExceptionalPaths() {
      drainWithExceptionalPaths(
              "  void read() {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "    try {",
              "      work.run();",
              "      op.drainInstances();",
              "    } catch (RuntimeException e) {",
              "      // BUG: Diagnostic contains: 'op' (started on line 8) may be closed before its"
                  + " final result is retrieved",
              "      op.close();",
              "      return;",
              "    }",
              "    op.close();",
              "  }")
          .doTest();
    }

    @Test
    void rethrowOfACatchAllStaysUnfollowed() {
      drain(
              "  void read() {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "    try {",
              "      work.run();",
              "      op.drainInstances();",
              "    } catch (RuntimeException e) {",
              "      throw new IllegalStateException(e);",
              "    } finally {",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void bindingCallsThrowOnlyWhatTheyDeclare() {
      drain(
              "  void read() {",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      session.testConnection();",
              "      op.drainInstances();",
              "    } catch (IllegalStateException e) {",
              "      System.err.println(e);",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void narrowHandlerAroundAnOrdinaryCall() {
      drain(
              "  void read() {",
              "    // BUG: Diagnostic contains: 'op' (started on line 9) may be closed before its"
                  + " final result is retrieved: the path through line 10",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      work.run();",
              "      op.drainInstances();",
              "    } catch (IllegalStateException e) {",
              "      System.err.println(e);",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void declaredExceptionLeavingTheMethodIsNotFollowed() {
      drain(
              "  void read(Closeable res) throws IOException {",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      res.close();",
              "      op.drainInstances();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void declaredExceptionLeavingTheMethodWithExceptionalPaths() {
      drainWithExceptionalPaths(
              "  void read(Closeable res) throws IOException {",
              "    // BUG: Diagnostic contains: 'op' (started on line 9) may be closed before its"
                  + " final result is retrieved",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      res.close();",
              "      op.drainInstances();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void bindingCallsDoNotReachANarrowHandlerOfTheContextCheck() {
      context(
              "  void read(Identity user) {",
              "    MiOperation op = null;",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "      op.drainInstances();",
              "      op.close();",
              "    } catch (IllegalStateException e) {",
              "      if (op != null) op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void closeInTheCatchOfAnImpersonation() {
      context(
              "  void read(Identity user) {",
              "    MiOperation op = null;",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "      op.drainInstances();",
              "      op.close();",
              "    } catch (MiException e) {",
              "      // BUG: Diagnostic contains: 'op' was started on line 10 as 'user'",
              "      if (op != null) op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void closeInTheCatchOfAnImpersonationOfAnUndeclaredException() {
      context(
              "  void read(Identity user) {",
              "    MiOperation op = null;",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "      work.run();",
              "      op.drainInstances();",
              "      op.close();",
              "    } catch (Error e) {",
              "      if (op != null) op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void closeInTheCatchOfAnImpersonationWithExceptionalPaths() {
      contextWithExceptionalPaths(
              "  void read(Identity user) {",
              "    MiOperation op = null;",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "      work.run();",
              "      op.drainInstances();",
              "      op.close();",
              "    } catch (Error e) {",
              "      // BUG: Diagnostic contains: 'op' was started on line 10 as 'user'",
              "      if (op != null) op.close();",
              "    }",
              "  }")
          .doTest();
    }
  }

  /** Class 8: implicit exceptions are not throw statements. */
  @Nested
  class ImplicitExceptions {
    @Test
    void arrayReadDivisionAssertAndFieldWriteAreNotFollowed() {
      drain(
              "  static class Box { int value; }",
              "  int read(Box box, int d) {",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      int x = numbers[0];",
              "      numbers[1] = x;",
              "      x = x / 3 + x % d;",
              "      assert x > 0 : \"positive\";",
              "      box.value = x;",
              "      op.drainInstances();",
              "      return x;",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void arrayReadCaughtByANarrowHandlerIsFollowed() {
      drain(
              "  int read() {",
              "    // BUG: Diagnostic contains: 'op' (started on line 9) may be closed before its"
                  + " final result is retrieved: the path through line 10",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      int x = numbers[3];",
              "      op.drainInstances();",
              "      return x;",
              "    } catch (ArrayIndexOutOfBoundsException e) {",
              "      return -1;",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void divisionCaughtOnlyByACatchAllIsNotFollowed() {
      drain(
              "  int read(int d) {",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      int x = 10 / d;",
              "      op.drainInstances();",
              "      return x;",
              "    } catch (Exception e) {",
              "      return -1;",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void throwStatementIsFollowed() {
      drain(
              "  int read(int d) {",
              "    // BUG: Diagnostic contains: the path through line 11",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
              "      if (d == 0) {",
              "        throw new ArithmeticException();",
              "      }",
              "      op.drainInstances();",
              "      return d;",
              "    }",
              "  }")
          .doTest();
    }
  }

  /** Class 9: a close-quietly finally. */
  @Nested
  class CloseQuietlyFinally {
    @Test
    void innerCatchThatDoesNotCatchTheException() {
      drain(
              "  void read(Closeable res) {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "    try {",
              "      try {",
              "        work.run();",
              "      } finally {",
              "        try {",
              "          res.close();",
              "        } catch (IOException e) {",
              "        }",
              "      }",
              "      op.drainInstances();",
              "    } finally {",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void plainInnerFinally() {
      drain(
              "  void read(Closeable res) throws IOException {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "    try {",
              "      try {",
              "        work.run();",
              "      } finally {",
              "        res.close();",
              "      }",
              "      op.drainInstances();",
              "    } finally {",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void closeQuietlyThenACaughtIoException() {
      drain(
              "  void read(Closeable res) {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "    try {",
              "      try {",
              "        res.close();",
              "      } catch (IOException e) {",
              "        return;",
              "      }",
              "      op.drainInstances();",
              "    } finally {",
              "      // BUG: Diagnostic contains: 'op' (started on line 8) may be closed before its"
                  + " final result is retrieved",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void withExceptionalPathsTheUnwindingPathIsReported() {
      drainWithExceptionalPaths(
              "  void read(Closeable res) {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
              "    try {",
              "      try {",
              "        work.run();",
              "      } finally {",
              "        try {",
              "          res.close();",
              "        } catch (IOException e) {",
              "        }",
              "      }",
              "      op.drainInstances();",
              "    } finally {",
              "      // BUG: Diagnostic contains: 'op' (started on line 8) may be closed before its"
                  + " final result is retrieved",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }
  }
}
