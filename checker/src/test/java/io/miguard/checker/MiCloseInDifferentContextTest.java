package io.miguard.checker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.errorprone.CompilationTestHelper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link MiCloseInDifferentContext} against the miguard binding. Each source is wrapped by {@link
 * #method}: lines 1-6 are imports, the class header and the fields {@code session} and {@code
 * pool}; the given lines start on line 7, which the expected messages count from.
 */
class MiCloseInDifferentContextTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MiCloseInDifferentContext.class, getClass())
          .setArgs(FailFast.FLAG);

  /** A class {@code Test} whose body, from line 7 on, is {@code lines}. */
  private CompilationTestHelper method(String... lines) {
    List<String> source = new ArrayList<>();
    source.add("import io.miguard.mi.*;");
    source.add("import java.util.*;");
    source.add("import java.util.concurrent.*;");
    source.add("class Test {");
    source.add("  MiSession session;");
    source.add("  ExecutorService pool;");
    source.addAll(Arrays.asList(lines));
    source.add("}");
    return helper.addSourceLines("Test.java", source.toArray(new String[0]));
  }

  @Nested
  class Impersonations {
    @Test
    void startedInsideTheBlockClosedAfterIt() {
      method(
              "  void read(Identity user) {",
              "    MiOperation op;",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      op.drainInstances();",
              "    }",
              "    // BUG: Diagnostic contains: 'op' was started on line 10 as 'user'"
                  + " (impersonation entered on line 9), but is closed here in the method's entry"
                  + " context, after that impersonation ended on line 12",
              "    op.close();",
              "  }")
          .doTest();
    }

    @Test
    void startedOutsideClosedInsideOne() {
      method(
              "  void read(Identity user) {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    op.drainInstances();",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      // BUG: Diagnostic contains: 'op' was started on line 8 in the method's entry"
                  + " context, but is closed here as 'user' (impersonation entered on line 10)",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void startedAndClosedInsideTheSameBlock() {
      method(
              "  void read(Identity user) {",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "      op.drainInstances();",
              "      op.close();",
              "    }",
              "    MiOperation outside = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "    outside.drainInstances();",
              "    outside.close();",
              "  }")
          .doTest();
    }

    @Test
    void tryWithResourcesClosesInReverseOrder() {
      method(
              "  void read(Identity user) {",
              "    try (Impersonation as = SecurityContext.impersonate(user);",
              "        MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\")) {",
              "      op.drainInstances();",
              "    }",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "        Impersonation as = SecurityContext.impersonate(user)) {",
              "      op.drainInstances();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void implicitCloseOfAResourceIsReportedOnItsDeclaration() {
      method(
              "  void read(Identity user) {",
              "    MiOperation op;",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      op.drainInstances();",
              "    }",
              "    // BUG: Diagnostic contains: 'same' was started on line 10 as 'user'",
              "    try (MiOperation same = op) {",
              "      System.out.println(same);",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void explicitRevertBeforeTheClose() {
      method(
              "  List<MiInstance> read(Identity user) {",
              "    Impersonation as = SecurityContext.impersonate(user);",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    List<MiInstance> all = op.drainInstances();",
              "    as.close();",
              "    // BUG: Diagnostic contains: 'op' was started on line 9 as 'user' (impersonation"
                  + " entered on line 8), but is closed here in the method's entry context, after"
                  + " that impersonation ended on line 11",
              "    op.close();",
              "    return all;",
              "  }")
          .doTest();
    }

    @Test
    void explicitRevertAfterTheClose() {
      method(
              "  List<MiInstance> read(Identity user) {",
              "    Impersonation as = SecurityContext.impersonate(user);",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    List<MiInstance> all = op.drainInstances();",
              "    op.close();",
              "    as.close();",
              "    return all;",
              "  }")
          .doTest();
    }

    @Test
    void revertInFinallyBeforeTheClose() {
      method(
              "  void read(Identity user) {",
              "    MiOperation op;",
              "    Impersonation as = SecurityContext.impersonate(user);",
              "    try {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      op.drainInstances();",
              "    } finally {",
              "      as.close();",
              "    }",
              "    // BUG: Diagnostic contains: 'op' was started on line 11 as 'user'",
              "    op.close();",
              "  }")
          .doTest();
    }

    @Test
    void anImpersonationStartedAndLeftInTheMiddleDoesNotChangeTheContext() {
      method(
              "  void read(Identity user) {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      op.drainInstances();",
              "    }",
              "    op.close();",
              "  }")
          .doTest();
    }

    @Test
    void anImpersonationNeverRevertedIsStillActiveAtTheImplicitClose() {
      method(
              "  void read(Identity user) {",
              "    // BUG: Diagnostic contains: closed here as 'user' (impersonation entered on"
                  + " line 10)",
              "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\")) {",
              "      Impersonation as = SecurityContext.impersonate(user);",
              "      op.drainInstances();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void aCloseWhoseContextDependsOnThePathIsNotReported() {
      // The analysis joins the two contexts to "not known": only what holds whatever the path is
      // reported.
      method(
              "  void read(Identity user, boolean early) {",
              "    Impersonation as = SecurityContext.impersonate(user);",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    op.drainInstances();",
              "    if (early) {",
              "      as.close();",
              "    }",
              "    op.close();",
              "    as.close();",
              "  }")
          .doTest();
    }

    @Test
    void closeThroughAClosesOperationParameter() {
      method(
              "  static void closeQuietly(@io.miguard.annotations.ClosesOperation MiOperation op)"
                  + " {",
              "    try {",
              "      op.close();",
              "    } catch (MiException e) {",
              "    }",
              "  }",
              "  void read(Identity user) {",
              "    Impersonation as = SecurityContext.impersonate(user);",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    op.drainInstances();",
              "    as.close();",
              "    // BUG: Diagnostic contains: 'op' was started on line 15 as 'user'",
              "    closeQuietly(op);",
              "  }")
          .doTest();
    }

    @Test
    void suppressed() {
      method(
              "  @SuppressWarnings(\"MiCloseInDifferentContext\")",
              "  void read(Identity user) {",
              "    MiOperation op;",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      op.drainInstances();",
              "    }",
              "    op.close();",
              "  }")
          .doTest();
    }
  }

  @Nested
  class Nesting {
    @Test
    void startedInTheInnerImpersonationClosedInTheOuter() {
      method(
              "  void read(Identity alice, Identity bob) {",
              "    try (Impersonation asAlice = SecurityContext.impersonate(alice)) {",
              "      MiOperation op;",
              "      try (Impersonation asBob = SecurityContext.impersonate(bob)) {",
              "        op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "        op.drainInstances();",
              "      }",
              "      // BUG: Diagnostic contains: 'op' was started on line 11 as 'bob'"
                  + " (impersonation entered on line 10), but is closed here as 'alice'"
                  + " (impersonation entered on line 8)",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void startedInTheOuterImpersonationClosedInAnInnerOneOfAnotherIdentity() {
      method(
              "  void read(Identity alice, Identity bob) {",
              "    try (Impersonation asAlice = SecurityContext.impersonate(alice)) {",
              "      MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "      op.drainInstances();",
              "      try (Impersonation asBob = SecurityContext.impersonate(bob)) {",
              "        // BUG: Diagnostic contains: closed here as 'bob'",
              "        op.close();",
              "      }",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void startedInTheOuterImpersonationClosedInAnInnerOneOfTheSameIdentity() {
      method(
              "  void read(Identity alice) {",
              "    try (Impersonation asAlice = SecurityContext.impersonate(alice)) {",
              "      MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "      op.drainInstances();",
              "      try (Impersonation again = SecurityContext.impersonate(alice)) {",
              "        op.close();",
              "      }",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void closedInTheOuterImpersonationAfterAnInnerOneEnded() {
      method(
              "  void read(Identity alice, Identity bob) {",
              "    try (Impersonation asAlice = SecurityContext.impersonate(alice)) {",
              "      MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "      try (Impersonation asBob = SecurityContext.impersonate(bob)) {",
              "        System.out.println(\"as bob\");",
              "      }",
              "      op.drainInstances();",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void explicitInnerRevertBeforeAndAfterTheClose() {
      method(
              "  void read(Identity alice, Identity bob) {",
              "    Impersonation asAlice = SecurityContext.impersonate(alice);",
              "    Impersonation asBob = SecurityContext.impersonate(bob);",
              "    MiOperation first = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "    MiOperation second = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "    first.drainInstances();",
              "    second.drainInstances();",
              "    first.close();",
              "    asBob.close();",
              "    // BUG: Diagnostic contains: 'second' was started on line 11 as 'bob'"
                  + " (impersonation entered on line 9), but is closed here as 'alice'"
                  + " (impersonation entered on line 8)",
              "    second.close();",
              "    asAlice.close();",
              "  }")
          .doTest();
    }
  }

  @Nested
  class Identities {
    @Test
    void theSameEffectivelyFinalVariableIsTheSameContext() {
      method(
              "  void read(Identity user) {",
              "    MiOperation op;",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      op.drainInstances();",
              "    }",
              "    try (Impersonation again = SecurityContext.impersonate(user)) {",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void theSameConstantIsTheSameContext() {
      method(
              "  static final Identity AUDITOR = Identity.of(\"CORP\\\\auditor\");",
              "  void read() {",
              "    MiOperation op;",
              "    try (Impersonation as = SecurityContext.impersonate(AUDITOR)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      op.drainInstances();",
              "    }",
              "    try (Impersonation again = SecurityContext.impersonate(Test.AUDITOR)) {",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void anotherIdentityIsAnotherContext() {
      method(
              "  void read(Identity alice, Identity bob) {",
              "    MiOperation op;",
              "    try (Impersonation as = SecurityContext.impersonate(alice)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      op.drainInstances();",
              "    }",
              "    try (Impersonation as = SecurityContext.impersonate(bob)) {",
              "      // BUG: Diagnostic contains: 'op' was started on line 10 as 'alice'"
                  + " (impersonation entered on line 9), but is closed here as 'bob'"
                  + " (impersonation entered on line 13)",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void anIdentityTheSourceDoesNotNameStillDiffersFromOutsideItsImpersonation() {
      method(
              "  Identity lookup() { return Identity.of(\"x\"); }",
              "  void read() {",
              "    MiOperation op;",
              "    try (Impersonation as = SecurityContext.impersonate(lookup())) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      op.drainInstances();",
              "      // BUG: Diagnostic contains: as 'lookup()' (impersonation entered on line 10),"
                  + " but is closed here on another thread (handed to execute on line 14)",
              "      pool.execute(() -> op.close());",
              "    }",
              "    // BUG: Diagnostic contains: 'op' was started on line 11 as 'lookup()'",
              "    op.close();",
              "  }")
          .doTest();
    }

    @Test
    void twoIdentitiesTheSourceDoesNotNameAreNotProvedDifferent() {
      method(
              "  Identity lookup() { return Identity.of(\"x\"); }",
              "  void read() {",
              "    MiOperation op;",
              "    try (Impersonation as = SecurityContext.impersonate(lookup())) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      op.drainInstances();",
              "    }",
              "    try (Impersonation as = SecurityContext.impersonate(lookup())) {",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void aVariableThatChangesIsNotProvedToBeAnotherIdentity() {
      method(
              "  void read(Identity user, Identity other) {",
              "    MiOperation op;",
              "    Identity who = user;",
              "    try (Impersonation as = SecurityContext.impersonate(who)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      op.drainInstances();",
              "    }",
              "    who = other;",
              "    try (Impersonation as = SecurityContext.impersonate(who)) {",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }
  }

  @Nested
  class RunAs {
    @Test
    void startedOutsideClosedInsideRunAs() {
      method(
              "  void read(Identity auditor) {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    SecurityContext.runAs(",
              "        auditor,",
              "        () -> {",
              "          op.drainInstances();",
              "          // BUG: Diagnostic contains: 'op' was started on line 8 in the method's"
                  + " entry context, but is closed here as 'auditor' (runAs on line 9)",
              "          op.close();",
              "        });",
              "  }")
          .doTest();
    }

    @Test
    void startedAndClosedInsideRunAs() {
      method(
              "  int read(Identity auditor) {",
              "    return SecurityContext.runAs(",
              "        auditor,",
              "        () -> {",
              "          try (MiOperation op =",
              "              session.enumerateInstances(\"root/cimv2\", \"Win32_Process\")) {",
              "            return op.drainInstances().size();",
              "          }",
              "        });",
              "  }")
          .doTest();
    }

    @Test
    void runAsTheSameIdentity() {
      method(
              "  void read(Identity user) {",
              "    MiOperation op;",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      op.drainInstances();",
              "    }",
              "    SecurityContext.runAs(user, () -> op.close());",
              "  }")
          .doTest();
    }

    @Test
    void runAsAnotherIdentity() {
      method(
              "  void read(Identity alice, Identity bob) {",
              "    try (Impersonation as = SecurityContext.impersonate(alice)) {",
              "      MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "      op.drainInstances();",
              "      // BUG: Diagnostic contains: closed here as 'bob' (runAs on line 12)",
              "      SecurityContext.runAs(bob, () -> op.close());",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void methodReferencesRunAsTheIdentity() {
      method(
              "  void read(Identity user, Identity other) {",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "      op.drainInstances();",
              "      SecurityContext.runAs(user, op::close);",
              "      // BUG: Diagnostic contains: closed here as 'other' (runAs on line 13)",
              "      SecurityContext.runAs(other, op::close);",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void startedInsideRunAsClosedInAnImpersonationOfTheSameIdentity() {
      method(
              "  int read(Identity auditor) {",
              "    return SecurityContext.runAs(",
              "        auditor,",
              "        () -> {",
              "          MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "          int count = op.drainInstances().size();",
              "          try (Impersonation again = SecurityContext.impersonate(auditor)) {",
              "            op.close();",
              "          }",
              "          return count;",
              "        });",
              "  }")
          .doTest();
    }
  }

  @Nested
  class ThreadHopping {
    /** An operation started as {@code user}, closed by {@code closingLines} (from line 11). */
    private CompilationTestHelper startedAsUser(String... closingLines) {
      List<String> lines = new ArrayList<>();
      lines.add("  void read(Identity user, ScheduledExecutorService timer) throws Exception {");
      lines.add("    try (Impersonation as = SecurityContext.impersonate(user)) {");
      lines.add(
          "      MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");");
      lines.add("      op.drainInstances();");
      lines.addAll(Arrays.asList(closingLines));
      lines.add("    }");
      lines.add("  }");
      return method(lines.toArray(new String[0]));
    }

    private static final String ON_ANOTHER_THREAD =
        "// BUG: Diagnostic contains: 'op' was started on line 9 as 'user' (impersonation entered"
            + " on line 8), but is closed here on another thread";

    @Test
    void executorExecute() {
      startedAsUser(
              "      pool.execute(() -> {",
              ON_ANOTHER_THREAD + " (handed to execute on line 11)",
              "        op.close();",
              "      });")
          .doTest();
    }

    @Test
    void executorServiceSubmit() {
      startedAsUser(
              "      pool.submit(() -> {",
              "        int n = 1;",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "        return n;",
              "      });")
          .doTest();
    }

    @Test
    void methodReferenceHandedToAnotherThread() {
      startedAsUser(ON_ANOTHER_THREAD, "      pool.submit(op::close);").doTest();
    }

    @Test
    void invokeAllAndInvokeAny() {
      startedAsUser(
              "      pool.invokeAll(List.of(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "        return 1;",
              "      }));",
              "      pool.invokeAny(List.of(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "        return 1;",
              "      }));")
          .doTest();
    }

    @Test
    void scheduledExecutorService() {
      startedAsUser(
              "      timer.schedule(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      }, 1, TimeUnit.SECONDS);",
              "      timer.scheduleAtFixedRate(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      }, 1, 1, TimeUnit.SECONDS);",
              "      timer.scheduleWithFixedDelay(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      }, 1, 1, TimeUnit.SECONDS);")
          .doTest();
    }

    @Test
    void newThread() {
      startedAsUser(
              "      new Thread(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      }).start();")
          .doTest();
    }

    @Test
    void anonymousRunnableAndThreadSubclass() {
      startedAsUser(
              "      pool.execute(new Runnable() {",
              "        @Override public void run() {",
              ON_ANOTHER_THREAD,
              "          op.close();",
              "        }",
              "      });",
              "      new Thread() {",
              "        @Override public void run() {",
              ON_ANOTHER_THREAD,
              "          op.close();",
              "        }",
              "      }.start();")
          .doTest();
    }

    @Test
    void localClassInstantiatedForAnotherThread() {
      startedAsUser(
              "      class Closer implements Runnable {",
              "        @Override public void run() {",
              ON_ANOTHER_THREAD,
              "          op.close();",
              "        }",
              "      }",
              "      pool.execute(new Closer());")
          .doTest();
    }

    @Test
    void lambdaInALocalHandedToAnotherThread() {
      startedAsUser(
              "      Runnable closer = () -> {",
              ON_ANOTHER_THREAD + " (created on line 11 and handed over from a local)",
              "        op.close();",
              "      };",
              "      pool.execute(closer);")
          .doTest();
    }

    @Test
    void completableFutureAsyncMethods() {
      startedAsUser(
              "      CompletableFuture.runAsync(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      });",
              "      CompletableFuture.supplyAsync(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "        return 1;",
              "      }, pool).thenRunAsync(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      });")
          .doTest();
    }

    @Test
    void forkJoinPool() {
      startedAsUser(
              "      ForkJoinPool.commonPool().execute(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      });",
              "      ForkJoinPool.commonPool().invoke(new RecursiveAction() {",
              "        @Override protected void compute() {",
              ON_ANOTHER_THREAD,
              "          op.close();",
              "        }",
              "      });")
          .doTest();
    }

    @Test
    void timerTask() {
      startedAsUser(
              "      new Timer().schedule(new TimerTask() {",
              "        @Override public void run() {",
              ON_ANOTHER_THREAD,
              "          op.close();",
              "        }",
              "      }, 10);")
          .doTest();
    }

    @Test
    void threadBuilders() {
      assumeTrue(Runtime.version().feature() >= 21, "Thread.Builder is JDK 21+");
      startedAsUser(
              "      Thread.ofVirtual().start(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      });",
              "      Thread.ofPlatform().unstarted(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      });",
              "      Thread.ofVirtual().factory().newThread(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      });",
              "      Thread.startVirtualThread(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      });")
          .doTest();
    }

    @Test
    void usersOwnThreadHoppingApi() {
      helper.addSourceLines(
          "Background.java",
          "import io.miguard.annotations.RunsOnAnotherThread;",
          "class Background {",
          "  @RunsOnAnotherThread",
          "  static void later(Runnable work) {}",
          "  static void either(Runnable here, @RunsOnAnotherThread Runnable there) {}",
          "}");
      startedAsUser(
              "      Background.later(() -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      });",
              "      Background.either(() -> {}, () -> {",
              ON_ANOTHER_THREAD,
              "        op.close();",
              "      });")
          .doTest();
    }

    @Test
    void reenteringTheSameIdentityAroundTheClose() {
      startedAsUser(
              "      pool.execute(() -> {",
              "        try (Impersonation again = SecurityContext.impersonate(user)) {",
              "          op.close();",
              "        }",
              "      });",
              "      pool.execute(() -> SecurityContext.runAs(user, () -> op.close()));")
          .doTest();
    }

    @Test
    void reenteringAnotherIdentityAroundTheClose() {
      method(
              "  void read(Identity user, Identity other) {",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "      op.drainInstances();",
              "      pool.execute(() -> {",
              "        try (Impersonation again = SecurityContext.impersonate(other)) {",
              "          // BUG: Diagnostic contains: closed here as 'other' (impersonation entered"
                  + " on line 12)",
              "          op.close();",
              "        }",
              "      });",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void startedAndClosedOnTheOtherThread() {
      method(
              "  void read(Identity user) {",
              "    pool.execute(() -> {",
              "      try (Impersonation as = SecurityContext.impersonate(user);",
              "          MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\")) {",
              "        op.drainInstances();",
              "      }",
              "      MiOperation plain = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "      plain.drainInstances();",
              "      plain.close();",
              "    });",
              "  }")
          .doTest();
    }

    @Test
    void entryContextOnBothSidesOfAHopIsNotReported() {
      method(
              "  void read() {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    op.drainInstances();",
              "    pool.execute(() -> op.close());",
              "  }")
          .doTest();
    }

    @Test
    void sameThreadLambdasKeepTheContext() {
      startedAsUser(
              "      Optional.of(\"x\").ifPresent(x -> op.close());",
              "      List.of(\"x\").forEach(x -> op.close());",
              "      new HashMap<String, Integer>().computeIfAbsent(\"x\", x -> {",
              "        op.close();",
              "        return 1;",
              "      });",
              "      List.of(\"x\").stream().map(x -> { op.close(); return x; }).count();")
          .doTest();
    }

    @Test
    void aSameThreadLambdaInsideAnImpersonationIsInThatImpersonation() {
      method(
              "  void read(Identity user) {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    op.drainInstances();",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      // BUG: Diagnostic contains: closed here as 'user'",
              "      Optional.of(\"x\").ifPresent(x -> op.close());",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void aLambdaStoredForLaterIsNotJudgedByWhereItWasCreated() {
      method(
              "  Runnable later;",
              "  void read(Identity user) {",
              "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    op.drainInstances();",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      later = () -> op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void aLambdaHandedToAnUnknownMethodIsTakenToRunOnThisThread() {
      method(
              "  void helper(Runnable r) {",
              "    r.run();",
              "  }",
              "  void read(Identity user) {",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      MiOperation op = session.enumerateInstances(\"root/cimv2\","
                  + " \"Win32_Process\");",
              "      op.drainInstances();",
              "      helper(() -> op.close());",
              "    }",
              "  }")
          .doTest();
    }
  }

  @Nested
  class Callbacks {
    @Test
    void closingTheOperationHandedIntoACallbackIsAllowed() {
      method(
              "  MiOperation read(Identity user) {",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      return session.enumerateInstances(",
              "          \"root/cimv2\",",
              "          \"Win32_Process\",",
              "          new MiOperationCallbacks() {",
              "            @Override",
              "            public void instanceResult(",
              "                MiOperation operation, InstanceResult result, ResultAcknowledgement"
                  + " ack) {",
              "              if (!result.moreResults()) {",
              "                operation.close();",
              "              }",
              "            }",
              "          });",
              "    }",
              "  }",
              "  static final class Closer implements MiOperationCallbacks {",
              "    @Override",
              "    public void writeError(MiOperation operation, MiInstance error) {",
              "      operation.close();",
              "    }",
              "  }")
          .doTest();
    }
  }

  @Nested
  class AsynchronousOperations {
    @Test
    void anAsynchronousOperationIsCheckedLikeASynchronousOne() {
      method(
              "  void read(Identity user, MiOperationCallbacks callbacks) {",
              "    MiOperation op;",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      op = session.enumerateInstances(\"root/cimv2\", \"Win32_Process\","
                  + " callbacks);",
              "    }",
              "    // BUG: Diagnostic contains: 'op' was started on line 10 as 'user'",
              "    op.close();",
              "  }",
              "  void fine(Identity user, MiOperationCallbacks callbacks) {",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      MiOperation op =",
              "          session.enumerateInstances(\"root/cimv2\", \"Win32_Process\", callbacks);",
              "      op.close();",
              "    }",
              "  }")
          .doTest();
    }

    @Test
    void anAsynchronousOperationClosedOnAnotherThread() {
      method(
              "  void read(Identity user, MiOperationCallbacks callbacks) {",
              "    try (Impersonation as = SecurityContext.impersonate(user)) {",
              "      MiOperation op = session.enumerateInstances(\"root/cimv2\", \"W\","
                  + " callbacks);",
              "      // BUG: Diagnostic contains: 'op' was started on line 9 as 'user'",
              "      pool.execute(op::close);",
              "    }",
              "  }")
          .doTest();
    }
  }
}
