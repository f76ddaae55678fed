package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How the engine models everyday Java (issue 12, classes 2 to 7 and 10): compound conditions and
 * stored flags, aliases across loop iterations, values returned from run-as bodies, per-iteration
 * variables, records, "is it drained?" queries, and code that runs later. Each class has positive
 * and negative cases for both checks.
 */
class FlowPrecisionTest {

  @Nested
  class Conditions {
    private final CompilationTestHelper drain =
        CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
            .setArgs(FailFast.FLAG);
    private final CompilationTestHelper context =
        CompilationTestHelper.newInstance(MiCloseInDifferentContext.class, getClass())
            .setArgs(FailFast.FLAG);

    @Test
    void bothOperandsNegationParenthesesAndTernariesCount() {
      drain
          .addSourceLines(
              "Test.java",
              """
              import io.miguard.mi.*;
              class Test {
                static final String NS = "root/cimv2";
                void orWithTheFactOnTheRight(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  InstanceResult r;
                  do {
                    r = op.getInstance();
                  } while (r.instance() != null || r.moreResults());
                  op.close();
                }
                void andOfTwoNegations(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  while (true) {
                    InstanceResult r = op.getInstance();
                    if (!r.succeeded() && !r.moreResults()) {
                      break;
                    }
                  }
                  op.close();
                }
                void negatedParenthesisedOr(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  while (true) {
                    InstanceResult r = op.getInstance();
                    if (!((r.moreResults()) || r.instance() != null)) {
                      break;
                    }
                  }
                  op.close();
                }
                void nonShortCircuitAnd(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  while (true) {
                    InstanceResult r = op.getInstance();
                    if (r.succeeded() & !r.moreResults()) {
                      break;
                    }
                  }
                  op.close();
                }
                void ternaryFlag(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  while (true) {
                    InstanceResult r = op.getInstance();
                    boolean done = r.moreResults() ? false : true;
                    if (done) {
                      break;
                    }
                  }
                  op.close();
                }
                void ternaryCondition(MiSession s, boolean strict) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  InstanceResult r;
                  do {
                    r = op.getInstance();
                  } while (strict ? r.moreResults() : r.instance() != null || r.moreResults());
                  op.close();
                }
                void comparedFlags(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  InstanceResult r;
                  do {
                    r = op.getInstance();
                  } while (r.moreResults() != false);
                  op.close();
                }
                void orIsNotEnough(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  while (true) {
                    InstanceResult r = op.getInstance();
                    if (!r.moreResults() || r.instance() == null) {
                      break;
                    }
                  }
                  // BUG: Diagnostic contains: 'op' (started on line 70) may be closed
                  op.close();
                }
                void ternaryThatDoesNotProve(MiSession s, int max) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  int n = 0;
                  while (true) {
                    InstanceResult r = op.getInstance();
                    boolean stop = r.moreResults() ? ++n > max : true;
                    if (stop) {
                      break;
                    }
                  }
                  // BUG: Diagnostic contains: 'op' (started on line 81) may be closed
                  op.close();
                }
                void andWithALimit(MiSession s, int max) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  InstanceResult r;
                  int n = 0;
                  do {
                    r = op.getInstance();
                  } while (n++ < max && r.moreResults());
                  // BUG: Diagnostic contains: 'op' (started on line 94) may be closed
                  op.close();
                }
              }
              """)
          .doTest();
    }

    @Test
    void flagsStoredInLocals() {
      drain
          .addSourceLines(
              "Test.java",
              """
import io.miguard.mi.*;
class Test {
  static final String NS = "root/cimv2";
  void flagWithALimitDoesNotProveTheEnd(MiSession s, int max) {
    MiOperation op = s.enumerateInstances(NS, "A");
    int n = 0;
    boolean more = true;
    while (more) {
      InstanceResult r = op.getInstance();
      n++;
      more = r.moreResults() && n < max;
    }
    // BUG: Diagnostic contains: 'op' (started on line 5) may be closed before its final result is retrieved: the path through line 11
    op.close();
  }
  void flagOfAnOr(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "A");
    boolean more = true;
    while (more) {
      InstanceResult r = op.getInstance();
      more = r.instance() != null || r.moreResults();
    }
    op.close();
  }
  void flagOfAnAndOfNegations(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "A");
    boolean done = false;
    while (!done) {
      InstanceResult r = op.getInstance();
      done = !r.moreResults() && !r.succeeded() || !r.moreResults();
    }
    op.close();
  }
  void flagTestedAfterTheLoop(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "A");
    InstanceResult r = op.getInstance();
    boolean more = r.moreResults() && r.succeeded();
    if (more) {
      op.drainInstances();
    }
    // BUG: Diagnostic contains: 'op' (started on line 35) may be closed
    op.close();
  }
  void flagOfAMultiResultClassEnumeration(MiSession s, int n) {
    MiOperation op1 = s.enumerateClasses(NS, "A", false);
    boolean f0 = true;
    ClassResult q;
    while (f0) {
      q = op1.getCimClass();
      f0 = n > 0 && q.moreResults();
    }
    // BUG: Diagnostic contains: 'op1' (started on line 45) may be closed before its final result is retrieved: the path through line 50
    op1.close();
  }
  void flagOfASingleResultClass(MiSession s, int n) {
    MiOperation op1 = s.getCimClass(NS, "A");
    boolean f0 = true;
    ClassResult q;
    while (f0) {
      q = op1.getCimClass();
      f0 = n > 0 && q.moreResults();
    }
    op1.close();
  }
  void flagClearedWhenDrained(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "A");
    boolean more = true;
    while (more) {
      InstanceResult r = op.getInstance();
      if (!r.moreResults()) {
        more = false;
      }
    }
    op.close();
  }
  void flagAlsoClearedEarly(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "A");
    boolean more = true;
    while (more) {
      InstanceResult r = op.getInstance();
      if (!r.moreResults()) {
        more = false;
      }
      if (r.instance() == null) {
        more = false;
      }
    }
    // BUG: Diagnostic contains: 'op' (started on line 77) may be closed
    op.close();
  }
  void flagSetAfterTheLoopStarts(MiSession s, boolean quick) {
    MiOperation op = s.enumerateInstances(NS, "A");
    boolean done = false;
    while (!done) {
      InstanceResult r = op.getInstance();
      done = !r.moreResults();
    }
    op.close();
  }
}
""")
          .doTest();
    }

    @Test
    void flagsAssignedInALoopTakeEveryValueAtItsHead() {
      drain
          .addSourceLines(
              "Test.java",
              """
import io.miguard.mi.*;
import java.util.List;
class Test {
  static final String NS = "root/cimv2";
  void closedOnTheSecondIteration(MiSession s, List<String> names) {
    MiOperation op = s.enumerateInstances(NS, "A");
    boolean seen = false;
    for (String name : names) {
      if (seen) {
        // BUG: Diagnostic contains: 'op' (started on line 6) is closed before its final result is retrieved: no path
        op.close();
        return;
      }
      seen = true;
    }
    op.drainInstances();
    op.close();
  }
  void notFirstAnyMore(MiSession s, int n) {
    MiOperation op = s.enumerateInstances(NS, "A");
    boolean first = true;
    for (int i = 0; i < n; i++) {
      if (!first) {
        // BUG: Diagnostic contains: 'op' (started on line 20) is closed before its final result is retrieved: no path
        op.close();
        return;
      }
      first = false;
    }
    op.drainInstances();
    op.close();
  }
  void setInAWhileLoopAfterATest(MiSession s, List<String> names) {
    MiOperation op = s.enumerateInstances(NS, "A");
    boolean seen = false;
    int i = 0;
    while (i < names.size()) {
      i++;
      if (seen == true) {
        // BUG: Diagnostic contains: 'op' (started on line 34) is closed before its final result is retrieved: no path
        op.close();
        return;
      }
      seen = !seen;
    }
    op.drainInstances();
    op.close();
  }
  void drainedWhereTheFlagIsSet(MiSession s, List<String> names) {
    MiOperation op = s.enumerateInstances(NS, "A");
    boolean seen = false;
    for (String name : names) {
      if (seen) {
        op.close();
        return;
      }
      op.drainInstances();
      seen = true;
    }
    op.drainInstances();
    op.close();
  }
  void neverSetInTheLoop(MiSession s, List<String> names) {
    MiOperation op = s.enumerateInstances(NS, "A");
    boolean seen = false;
    for (String name : names) {
      if (seen) {
        op.close();
        return;
      }
    }
    op.drainInstances();
    op.close();
  }
}
""")
          .doTest();
    }

    @Test
    void theShortCircuitOfAStoredFlagIsNotABranchOnTheResult() {
      drain
          .addSourceLines(
              "Test.java",
              """
import io.miguard.mi.*;
import java.util.function.BooleanSupplier;
class Test {
  static final String NS = "root/cimv2";
  void singleResultLeftAfterItsRetrieval(MiSession s, MiInstance keys, BooleanSupplier c) {
    outer:
    while (c.getAsBoolean()) {
      try (MiOperation op = s.createInstance(NS, keys)) {
        boolean more = true;
        while (more) {
          InstanceResult r = op.getInstance();
          more = !(!r.moreResults() || !c.getAsBoolean());
          if (c.getAsBoolean()) {
            continue outer;
          }
        }
        op.getInstance(); // the loop may leave where more results follow
      }
    }
  }
  void multiResultLeftAfterOneRetrieval(MiSession s, BooleanSupplier c) {
    MiOperation op = s.enumerateInstances(NS, "A");
    boolean more = true;
    while (more) {
      InstanceResult r = op.getInstance();
      more = r.moreResults() && c.getAsBoolean();
      if (c.getAsBoolean()) {
        break;
      }
    }
    // BUG: Diagnostic contains: 'op' (started on line 22) may be closed
    op.close();
  }
  void testedWhereItIsStored(MiSession s, MiInstance keys, BooleanSupplier c) {
    MiOperation op = s.createInstance(NS, keys);
    InstanceResult r = op.getInstance();
    if (r.moreResults() && c.getAsBoolean()) {
      // BUG: Diagnostic contains: 'op' (started on line 35) is closed before
      op.close();
      return;
    }
    // BUG: Diagnostic contains: 'op' (started on line 35) may be closed
    op.close();
  }
  void storedThenTested(MiSession s, MiInstance keys, BooleanSupplier c) {
    MiOperation op = s.createInstance(NS, keys);
    InstanceResult r = op.getInstance();
    boolean more = r.moreResults() && c.getAsBoolean();
    if (!more) {
      // The way through c false read moreResults() true: more results follow there.
      // BUG: Diagnostic contains: 'op' (started on line 46) may be closed
      op.close();
      return;
    }
    op.drainInstances();
    op.close();
  }
  void storedThenTestedWithoutAnotherOperand(MiSession s, MiInstance keys) {
    MiOperation op = s.createInstance(NS, keys);
    InstanceResult r = op.getInstance();
    boolean more = r.moreResults();
    if (!more) {
      op.close();
      return;
    }
    op.drainInstances();
    op.close();
  }
}
""")
          .doTest();
    }

    @Test
    void helperPredicatesOfTheUnit() {
      drain
          .addSourceLines(
              "Test.java",
              """
              import io.miguard.mi.*;
              class Test {
                static final String NS = "root/cimv2";
                static boolean keepReading(InstanceResult r) {
                  return r.instance() != null || r.moreResults();
                }
                static boolean wantMore(InstanceResult r, int n) {
                  return r.moreResults() && n < 10;
                }
                static boolean finished(MiOperation op, InstanceResult r) {
                  return op.isDrained() || !r.moreResults();
                }
                void compoundHelper(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  InstanceResult r;
                  do {
                    r = op.getInstance();
                  } while (keepReading(r));
                  op.close();
                }
                void helperOnTheOperationAndTheResult(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  while (true) {
                    InstanceResult r = op.getInstance();
                    if (finished(op, r)) {
                      break;
                    }
                  }
                  op.close();
                }
                void helperWithALimit(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  InstanceResult r;
                  int n = 0;
                  do {
                    r = op.getInstance();
                  } while (wantMore(r, n++));
                  // BUG: Diagnostic contains: 'op' (started on line 32) may be closed
                  op.close();
                }
              }
              """)
          .doTest();
    }

    @Test
    void theContextCheckIsNotFooledByConditions() {
      context
          .addSourceLines(
              "Test.java",
              """
              import io.miguard.mi.*;
              class Test {
                static final Identity AUDITOR = Identity.of("CORP\\\\auditor");
                void closedInsideWhenDrained(MiSession s) {
                  try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
                    MiOperation op = s.enumerateInstances("root/cimv2", "A");
                    InstanceResult r;
                    do {
                      r = op.getInstance();
                    } while (r.instance() != null || r.moreResults());
                    if (!r.moreResults() && op.isDrained()) {
                      op.close();
                    }
                  }
                }
                void closedAfterWhenDrained(MiSession s) {
                  MiOperation op;
                  try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
                    op = s.enumerateInstances("root/cimv2", "A");
                    op.drainInstances();
                  }
                  if (op.isDrained() || !op.isDrained()) {
                    // BUG: Diagnostic contains: 'op' was started on line 19 as 'AUDITOR'
                    op.close();
                  }
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  class DrainedQueries {
    private final CompilationTestHelper drain =
        CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
            .setArgs(FailFast.FLAG);

    @Test
    void isDrainedTrueEdgeDrains() {
      drain
          .addSourceLines(
              "Test.java",
              """
              import io.miguard.mi.*;
              class Test {
                static final String NS = "root/cimv2";
                void drainUnlessDrained(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  InstanceResult first = op.getInstance();
                  if (!op.isDrained()) {
                    op.drainInstances();
                  }
                  op.close();
                }
                void inATernary(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  op.getInstance();
                  boolean drained = op.isDrained() ? true : op.drainInstances() != null;
                  op.close();
                }
                void ternaryCondition(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  if (op.isDrained() ? false : true) {
                    op.drainInstances();
                  }
                  op.close();
                }
                void loopUntilDrained(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  while (!op.isDrained()) {
                    op.getInstance();
                  }
                  op.close();
                }
                void storedQuery(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  op.getInstance();
                  boolean done = op.isDrained();
                  if (done) {
                    op.close();
                  }
                }
                void onlyLoggedWhenNotDrained(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  op.getInstance();
                  if (!op.isDrained()) {
                    System.out.println("not drained");
                  }
                  // BUG: Diagnostic contains: 'op' (started on line 41) may be closed
                  op.close();
                }
                void loopWithALimit(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  int n = 0;
                  while (!op.isDrained() && n++ < 10) {
                    op.getInstance();
                  }
                  // BUG: Diagnostic contains: 'op' (started on line 50) may be closed
                  op.close();
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  class Records {
    private final CompilationTestHelper drain =
        CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass());
    private final CompilationTestHelper context =
        CompilationTestHelper.newInstance(MiCloseInDifferentContext.class, getClass());

    private static final String TYPES =
        """
        import io.miguard.mi.*;
        record Held(MiOperation op) {}
        record Checked(MiOperation op, String label) {
          Checked {
            java.util.Objects.requireNonNull(op);
          }
        }
        record Named(String label) {}
        final class Holder {
          final MiOperation op;
          Holder(MiOperation op) {
            this.op = op;
          }
        }
        """;

    @Test
    void aRecordStoresItsArgumentsLikeAConstructor() {
      drain
          .addSourceLines("Types.java", TYPES)
          .addSourceLines(
              "Test.java",
              """
              import io.miguard.mi.*;
              class Test {
                static final String NS = "root/cimv2";
                Held implicitConstructor(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  Held held = new Held(op);
                  op.close();
                  return held;
                }
                Checked compactConstructor(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  Checked checked = new Checked(op, "a");
                  op.close();
                  return checked;
                }
                Holder classConstructor(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  Holder holder = new Holder(op);
                  op.close();
                  return holder;
                }
                Named otherArgumentsDoNotHideIt(MiSession s) {
                  MiOperation op = s.enumerateInstances(NS, "A");
                  Named named = new Named("a");
                  // BUG: Diagnostic contains: 'op' (started on line 23) is closed
                  op.close();
                  return named;
                }
              }
              """)
          .doTest();
    }

    @Test
    void aRecordDoesNotChangeTheContextOfAClose() {
      context
          .addSourceLines("Types.java", TYPES)
          .addSourceLines(
              "Test.java",
              """
              import io.miguard.mi.*;
              class Test {
                static final Identity AUDITOR = Identity.of("auditor");
                Held closedInside(MiSession s) {
                  try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
                    MiOperation op = s.enumerateInstances("root/cimv2", "A");
                    Held held = new Held(op);
                    op.drainInstances();
                    op.close();
                    return held;
                  }
                }
                Held closedAfter(MiSession s) {
                  MiOperation op;
                  Held held;
                  try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
                    op = s.enumerateInstances("root/cimv2", "A");
                    held = new Held(op);
                    op.drainInstances();
                  }
                  // BUG: Diagnostic contains: 'op' was started on line 17 as 'AUDITOR'
                  op.close();
                  return held;
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  class CodeThatRunsLater {
    private final CompilationTestHelper drain =
        CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass());
    private final CompilationTestHelper context =
        CompilationTestHelper.newInstance(MiCloseInDifferentContext.class, getClass());

    @Test
    void storedOrReturnedCodeStartsInAContextOfItsOwn() {
      context
          .addSourceLines(
              "Test.java",
              """
import io.miguard.mi.*;
import java.util.List;
import java.util.function.Supplier;
class Test {
  static final Identity AUDITOR = Identity.of("auditor");
  Runnable reimpersonatesTheSameIdentity(MiSession s) {
    try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
      return () -> {
        MiOperation op;
        try (Impersonation j = SecurityContext.impersonate(AUDITOR)) {
          op = s.enumerateInstances("root/cimv2", "A");
          op.drainInstances();
        }
        // BUG: Diagnostic contains: in the context of whoever runs the code created on line 8
        op.close();
      };
    }
  }
  Object anonymousClass(MiSession s) {
    try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
      return new Object() {
        @Override
        public String toString() {
          MiOperation op = s.enumerateInstances("root/cimv2", "A");
          op.drainInstances();
          // BUG: Diagnostic matches: NO_CREATOR
          SecurityContext.runAs(AUDITOR, () -> op.close());
          return "";
        }
      };
    }
  }
  Runnable closedInItsOwnImpersonation(MiSession s) {
    try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
      return () -> {
        try (Impersonation j = SecurityContext.impersonate(AUDITOR)) {
          MiOperation op = s.enumerateInstances("root/cimv2", "A");
          op.drainInstances();
          op.close();
        }
      };
    }
  }
  void runsInPlace(MiSession s, List<String> names) {
    try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
      names.forEach(
          n -> {
            MiOperation op = s.enumerateInstances("root/cimv2", n);
            op.drainInstances();
            SecurityContext.runAs(AUDITOR, () -> op.close());
          });
    }
  }
}
""")
          .expectErrorMessage(
              "NO_CREATOR",
              m ->
                  m.contains("in the context of whoever runs the code created on line 21")
                      && m.contains("but is closed here as 'AUDITOR'")
                      && !m.contains("impersonation entered on line 20"))
          .doTest();
    }

    @Test
    void aCapturedOperationIsJudgedOnlyWhereTheLaterCodeKnowsItsOwnIdentity() {
      context
          .addSourceLines(
              "Test.java",
              """
import io.miguard.mi.*;
import java.util.List;
class Test {
  static final Identity SERVICE = Identity.of("svc");
  void closedInARunAsOfItsOwn(MiSession s, List<Runnable> laters) {
    MiOperation op = s.enumerateInstances("root/cimv2", "A");
    laters.add(
        () -> {
          op.drainInstances();
          // BUG: Diagnostic contains: closed here as 'SERVICE'
          SecurityContext.runAs(SERVICE, () -> op.close());
        });
  }
  void closedByAMethodReferenceInARunAsOfItsOwn(MiSession s, List<Runnable> laters) {
    MiOperation op = s.enumerateInstances("root/cimv2", "A");
    laters.add(
        new Runnable() {
          @Override
          public void run() {
            op.drainInstances();
            // BUG: Diagnostic contains: closed here as 'SERVICE'
            SecurityContext.runAs(SERVICE, op::close);
          }
        });
  }
  void closedByAMethodReferenceInARunAs(MiSession s) {
    MiOperation op = s.enumerateInstances("root/cimv2", "A");
    op.drainInstances();
    // BUG: Diagnostic contains: closed here as 'SERVICE'
    SecurityContext.runAs(SERVICE, op::close);
  }
  void closedInAnImpersonationOfItsOwn(MiSession s, List<Runnable> laters) {
    MiOperation op = s.enumerateInstances("root/cimv2", "A");
    laters.add(
        () -> {
          op.drainInstances();
          try (Impersonation i = SecurityContext.impersonate(SERVICE)) {
            // BUG: Diagnostic contains: closed here as 'SERVICE'
            op.close();
          }
        });
  }
  void closedOnAnotherThreadItHandsTheCloseTo(
      MiSession s, List<Runnable> laters, java.util.concurrent.ExecutorService pool) {
    try (Impersonation i = SecurityContext.impersonate(SERVICE)) {
      MiOperation op = s.enumerateInstances("root/cimv2", "A");
      op.drainInstances();
      laters.add(
          () -> {
            // BUG: Diagnostic contains: closed here on another thread
            pool.execute(op::close);
          });
      laters.add(
          () -> {
            // BUG: Diagnostic contains: closed here on another thread
            pool.execute(() -> op.close());
          });
    }
  }
  void closedInItsOwnContext(MiSession s, List<Runnable> laters) {
    MiOperation op = s.enumerateInstances("root/cimv2", "A");
    laters.add(
        () -> {
          op.drainInstances();
          op.close();
        });
  }
  void startedAndClosedAsTheSameIdentity(MiSession s, List<Runnable> laters) {
    try (Impersonation i = SecurityContext.impersonate(SERVICE)) {
      MiOperation op = s.enumerateInstances("root/cimv2", "A");
      laters.add(
          () -> {
            op.drainInstances();
            SecurityContext.runAs(SERVICE, () -> op.close());
          });
    }
  }
}
""")
          .doTest();
    }

    @Test
    void aMethodReferenceThatRunsLaterClosesInAContextNotKnownHere() {
      context
          .addSourceLines(
              "Test.java",
              """
              import io.miguard.mi.*;
              import java.util.Optional;
              class Test {
                static final Identity AUDITOR = Identity.of("auditor");
                Runnable stored(MiSession s) {
                  MiOperation op;
                  try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
                    op = s.enumerateInstances("root/cimv2", "A");
                    op.drainInstances();
                  }
                  Runnable close = op::close;
                  return close;
                }
                void runsInPlace(MiSession s) {
                  MiOperation op;
                  try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
                    op = s.enumerateInstances("root/cimv2", "A");
                    op.drainInstances();
                  }
                  // BUG: Diagnostic contains: 'op' was started on line 17 as 'AUDITOR'
                  Optional.empty().ifPresentOrElse(x -> {}, op::close);
                }
              }
              """)
          .doTest();
    }

    @Test
    void drainingInsideCodeThatRunsLaterIsJudgedThere() {
      drain
          .addSourceLines(
              "Test.java",
              """
              import io.miguard.mi.*;
              import java.util.function.Supplier;
              class Test {
                static final Identity AUDITOR = Identity.of("auditor");
                Supplier<Integer> counts(MiSession s) {
                  try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
                    return () -> {
                      MiOperation op = s.enumerateInstances("root/cimv2", "A");
                      int n = op.drainInstances().size();
                      op.close();
                      return n;
                    };
                  }
                }
                Supplier<Integer> readsOne(MiSession s) {
                  try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
                    return () -> {
                      MiOperation op = s.enumerateInstances("root/cimv2", "A");
                      op.getInstance();
                      // BUG: Diagnostic contains: 'op' (started on line 18) is closed
                      op.close();
                      return 1;
                    };
                  }
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  class AliasesAcrossIterations {
    private final CompilationTestHelper drain =
        CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass());
    private final CompilationTestHelper context =
        CompilationTestHelper.newInstance(MiCloseInDifferentContext.class, getClass());

    @Test
    void theDrainAndCloseOfPreviousAreOfTheEarlierOperation() {
      drain
          .addSourceLines(
              "Test.java",
              """
              import io.miguard.mi.*;
              import java.util.List;
              class Test {
                static final String NS = "root/cimv2";
                void rolling(MiSession s, List<String> names) {
                  MiOperation current = s.enumerateInstances(NS, "A");
                  for (String name : names) {
                    MiOperation previous = current;
                    current = s.enumerateInstances(NS, name);
                    previous.drainInstances();
                    previous.close();
                  }
                  current.drainInstances();
                  current.close();
                }
                void previousClosedAfterTheNewOneIsDrained(MiSession s, List<String> names) {
                  MiOperation previous = null;
                  MiOperation current = null;
                  for (String name : names) {
                    previous = current;
                    current = s.enumerateInstances(NS, name);
                    if (previous != null) {
                      previous.close();
                    }
                    current.drainInstances();
                  }
                  if (current != null) {
                    current.close();
                  }
                }
                void previousNeverDrained(MiSession s, List<String> names) {
                  MiOperation current = s.enumerateInstances(NS, "A");
                  for (String name : names) {
                    MiOperation previous = current;
                    current = s.enumerateInstances(NS, name);
                    current.drainInstances();
                    // BUG: Diagnostic contains: Operation 'previous'
                    previous.close();
                  }
                  current.drainInstances();
                  current.close();
                }
                void oneOperationPerIteration(MiSession s, List<String> names) {
                  for (String name : names) {
                    MiOperation op = s.enumerateInstances(NS, name);
                    if (name.isEmpty()) {
                      // BUG: Diagnostic contains: 'op' (started on line 45) is closed
                      op.close();
                      continue;
                    }
                    op.drainInstances();
                    op.close();
                  }
                }
              }
              """)
          .doTest();
    }

    @Test
    void theContextOfPreviousIsTheOneItWasStartedIn() {
      context
          .addSourceLines(
              "Test.java",
              """
              import io.miguard.mi.*;
              import java.util.List;
              class Test {
                static final Identity AUDITOR = Identity.of("auditor");
                void rolling(MiSession s, List<String> names) {
                  MiOperation previous = null;
                  MiOperation current = null;
                  for (String name : names) {
                    previous = current;
                    try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
                      current = s.enumerateInstances("root/cimv2", name);
                      current.drainInstances();
                      if (previous != null) {
                        previous.close();
                      }
                    }
                  }
                  if (current != null) {
                    // BUG: Diagnostic contains: 'current' was started on line 11 as 'AUDITOR'
                    current.close();
                  }
                }
                void startedOutsideAndInside(MiSession s, List<String> names) {
                  MiOperation current = s.enumerateInstances("root/cimv2", "A");
                  current.drainInstances();
                  for (String name : names) {
                    MiOperation previous = current;
                    try (Impersonation i = SecurityContext.impersonate(AUDITOR)) {
                      current = s.enumerateInstances("root/cimv2", name);
                      current.drainInstances();
                      current.close();
                    }
                    current = previous;
                  }
                  current.close();
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  class PerIterationVariables {
    private final CompilationTestHelper drain =
        CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass());
    private final CompilationTestHelper context =
        CompilationTestHelper.newInstance(MiCloseInDifferentContext.class, getClass());

    @Test
    void impersonationsOfAForEachVariableInTwoIterationsDiffer() {
      context
          .addSourceLines(
              "Test.java",
              """
import io.miguard.mi.*;
import java.util.List;
class Test {
  void previousUsersOperation(MiSession s, List<Identity> users) {
    MiOperation pending = null;
    for (Identity u : users) {
      try (Impersonation i = SecurityContext.impersonate(u)) {
        if (pending != null) {
          // BUG: Diagnostic contains: 'pending' was started on line 12 as 'u' of an earlier iteration (impersonation entered on line 7), but is closed here as 'u' (impersonation
          pending.close();
        }
        pending = s.enumerateInstances("root/cimv2", "A");
        pending.drainInstances();
      }
    }
  }
  void localDeclaredInTheBody(MiSession s, List<String> names) {
    MiOperation pending = null;
    for (String name : names) {
      Identity u = Identity.of(name);
      SecurityContext.runAs(
          u,
          () -> {
            MiOperation op = s.enumerateInstances("root/cimv2", "A");
            op.drainInstances();
            op.close();
          });
      try (Impersonation i = SecurityContext.impersonate(u)) {
        if (pending != null) {
          // BUG: Diagnostic contains: 'pending' was started on line 33 as 'u' of an earlier iteration
          pending.close();
        }
        pending = s.enumerateInstances("root/cimv2", "A");
        pending.drainInstances();
      }
    }
  }
  void closedInTheSameIteration(MiSession s, List<Identity> users) {
    for (Identity u : users) {
      try (Impersonation i = SecurityContext.impersonate(u)) {
        MiOperation op = s.enumerateInstances("root/cimv2", "A");
        op.drainInstances();
        op.close();
      }
      try (Impersonation again = SecurityContext.impersonate(u)) {
        MiOperation op = s.enumerateInstances("root/cimv2", "B");
        op.drainInstances();
        try (Impersonation i = SecurityContext.impersonate(u)) {
          op.close();
        }
      }
    }
  }
  void identityDeclaredOutsideTheLoop(MiSession s, List<String> names, Identity u) {
    MiOperation pending = null;
    for (String name : names) {
      try (Impersonation i = SecurityContext.impersonate(u)) {
        if (pending != null) {
          pending.close();
        }
        pending = s.enumerateInstances("root/cimv2", name);
        pending.drainInstances();
      }
    }
  }
}
""")
          .doTest();
    }

    @Test
    void anOperationDeclaredInTheBodyIsANewOneEachIteration() {
      drain
          .addSourceLines(
              "Test.java",
              """
              import io.miguard.mi.*;
              import java.util.List;
              class Test {
                void drainedEachTime(MiSession s, List<Identity> users) {
                  MiOperation last = null;
                  for (Identity u : users) {
                    try (Impersonation i = SecurityContext.impersonate(u)) {
                      MiOperation op = s.enumerateInstances("root/cimv2", "A");
                      if (last != null) {
                        last.close();
                      }
                      op.drainInstances();
                      last = op;
                    }
                  }
                }
                void theLastOneIsNotDrained(MiSession s, List<Identity> users) {
                  MiOperation last = null;
                  for (Identity u : users) {
                    MiOperation op = s.enumerateInstances("root/cimv2", "A");
                    if (last != null) {
                      last.drainInstances();
                      last.close();
                    }
                    last = op;
                  }
                  if (last != null) {
                    // BUG: Diagnostic contains: 'last' (started on line 20) is closed
                    last.close();
                  }
                }
              }
              """)
          .doTest();
    }
  }

  @Nested
  class ValuesOutOfRunAsBodies {
    private final CompilationTestHelper drain =
        CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass());
    private final CompilationTestHelper context =
        CompilationTestHelper.newInstance(MiCloseInDifferentContext.class, getClass());

    @Test
    void theOperationRemembersTheRunAsIdentity() {
      context
          .addSourceLines(
              "Test.java",
              """
import io.miguard.mi.*;
import java.util.List;
class Test {
  static final Identity ADMIN = Identity.of("admin");
  void closedOutside(MiSession s) {
    MiOperation op =
        SecurityContext.runAs(
            ADMIN,
            () -> {
              MiOperation o = s.enumerateInstances("root/cimv2", "A");
              o.drainInstances();
              return o;
            });
    // BUG: Diagnostic contains: 'op' was started on line 10 as 'ADMIN' (runAs on line 7)
    op.close();
  }
  void expressionLambdaInALoop(MiSession s, List<String> names) {
    for (String name : names) {
      MiOperation op =
          SecurityContext.runAs(ADMIN, () -> s.enumerateInstances("root/cimv2", name));
      op.drainInstances();
      // BUG: Diagnostic contains: 'op' was started on line 20 as 'ADMIN'
      op.close();
    }
  }
  void closedInTheSameIdentity(MiSession s) {
    MiOperation op =
        SecurityContext.runAs(ADMIN, () -> s.enumerateInstances("root/cimv2", "A"));
    op.drainInstances();
    try (Impersonation i = SecurityContext.impersonate(ADMIN)) {
      op.close();
    }
  }
  void closedInASecondRunAs(MiSession s, List<String> names) {
    for (String name : names) {
      MiOperation op =
          SecurityContext.runAs(ADMIN, () -> s.enumerateInstances("root/cimv2", name));
      op.drainInstances();
      SecurityContext.runAs(ADMIN, () -> op.close());
    }
  }
}
""")
          .doTest();
    }

    @Test
    void itsDrainStateComesOutToo() {
      drain
          .addSourceLines(
              "Test.java",
              """
import io.miguard.mi.*;
import java.util.List;
class Test {
  static final Identity ADMIN = Identity.of("admin");
  void drainedInside(MiSession s) {
    MiOperation op =
        SecurityContext.runAs(
            ADMIN,
            () -> {
              MiOperation o = s.enumerateInstances("root/cimv2", "A");
              o.drainInstances();
              return o;
            });
    SecurityContext.runAs(ADMIN, () -> op.close());
  }
  void drainedOutside(MiSession s) {
    MiOperation op =
        SecurityContext.runAs(ADMIN, () -> s.enumerateInstances("root/cimv2", "A"));
    op.drainInstances();
    op.close();
  }
  void neverDrained(MiSession s, List<String> names) {
    for (String name : names) {
      MiOperation op =
          SecurityContext.runAs(ADMIN, () -> s.enumerateInstances("root/cimv2", name));
      // BUG: Diagnostic contains: 'op' (started on line 25) is closed
      op.close();
    }
  }
}
""")
          .doTest();
    }
  }
}
