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
        CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass());
    private final CompilationTestHelper context =
        CompilationTestHelper.newInstance(MiCloseInDifferentContext.class, getClass());

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
        CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass());

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
}
