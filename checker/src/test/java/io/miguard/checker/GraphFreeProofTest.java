package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: bodies of the everyday shape (an operation started synchronously as a
 * try-with-resources resource and drained before anything can happen to it) are proven silent
 * without a graph; every near miss of that shape is analysed with its graph and still reported. All
 * six checks run; a test-only check reports, on a field named {@code counted} (the last member,
 * after every body was checked), how many bodies were analysed and proven.
 */
class GraphFreeProofTest {

  private static CompilationTestHelper allChecks() {
    return CompilationTestHelper.newInstance(
        ScannerSupplier.fromBugCheckerClasses(
            MiCloseBeforeDrain.class,
            MiCloseInDifferentContext.class,
            MiOperationNotClosed.class,
            MiRetrievalOnAsyncOperation.class,
            MiResultUsedAfterRetrieval.class,
            MiCloseInCallback.class,
            AnalysisCounter.class),
        GraphFreeProofTest.class);
  }

  private static final String PROVEN =
      """
      import io.miguard.annotations.DrainsResults;
      import io.miguard.mi.*;
      import java.util.*;
      class Proven {
        static final String NS = "root/cimv2";
        private final MiSession session;
        Proven(MiSession session) { this.session = session; }
        List<String> names() {
          try (MiOperation items = session.enumerateInstances(NS, "Win32_Service")) {
            List<String> names = new ArrayList<>();
            for (MiInstance item : items.drainInstances()) {
              if (item.get("Name") == null) {
                continue;
              }
              names.add(String.valueOf(item.get("Name")));
            }
            return names;
          }
        }
        int count(String className) {
          try (MiOperation items = this.session.enumerateInstances(NS, className)) {
            return readAll(items).size();
          }
        }
        static List<MiInstance> readAll(@DrainsResults MiOperation operation) {
          return operation.drainInstances();
        }
        List<MiInstance> audit(Identity auditor) {
          try (Impersonation as = SecurityContext.impersonate(auditor);
              MiOperation records = session.enumerateInstances("root/security", "Audit")) {
            return records.drainInstances();
          }
        }
        Map<String, Integer> perService(List<String> services) {
          Map<String, Integer> counts = new HashMap<>();
          services.forEach(
              name -> {
                try (MiOperation found = session.enumerateInstances(NS, name)) {
                  counts.put(name, found.drainInstances().size());
                }
              });
          return counts;
        }
        void twice() {
          try (MiOperation a = session.enumerateInstances(NS, "A")) {
            a.drainInstances();
          }
          try (MiOperation b = session.enumerateInstances(NS, "B", null)) {
            if (b.drainInstances().isEmpty()) {
              return;
            }
          }
        }
        long freeSpace() {
          MiOperation disks = session.queryInstances(NS, "WQL", "SELECT FreeSpace FROM Disk");
          long total = 0;
          InstanceResult result;
          do {
            result = disks.getInstance();
            if (result.instance() != null) {
              total += Long.parseLong(String.valueOf(result.instance().get("FreeSpace")));
            }
          } while (result.moreResults());
          disks.close();
          return total;
        }
        Map<String, Object> captions() {
          Map<String, Object> captions = new HashMap<>();
          MiOperation shares = session.enumerateInstances(NS, "Win32_Share");
          for (MiInstance share : shares.instances()) {
            captions.put(String.valueOf(share.get("Name")), share.get("Caption"));
          }
          shares.close();
          return captions;
        }
        int explicitlyClosedDrain() {
          MiOperation op = session.enumerateInstances(NS, "A");
          int size = op.drainInstances().size();
          op.close();
          return size;
        }
        MiSession sessionOnly() {
          return session;
        }
        static final class Sessions {
          static MiSession shared;
        }
        int onAStaticField() {
          try (MiOperation op = Proven.Sessions.shared.enumerateInstances(NS, "A")) {
            return op.drainInstances().size();
          }
        }
        int closedInFinally() {
          MiOperation op = session.enumerateInstances(NS, "A");
          try {
            return op.drainInstances().size();
          } finally {
            op.close();
          }
        }
        int typeArgumentsAreNoValues(List<MiOperation> pending, MiOperation[] more) {
          try (MiOperation op = session.enumerateInstances(NS, "A")) {
            return op.drainInstances().size() + pending.size() + more.length;
          }
        }
        // BUG: Diagnostic contains: %s
        int counted;
      }
      """;

  @Test
  void theEverydayShapeNeedsNoGraph() {
    // Proven: the constructor (it names the session, closes none), names, count, audit, perService
    // and its lambda, twice, freeSpace, captions, explicitlyClosedDrain, sessionOnly,
    // typeArgumentsAreNoValues. Analysed:
    // readAll (it verifies its @DrainsResults parameter) and the initializer of NS (a body that
    // names no handle counts too, found so by the fast path).
    allChecks()
        .addSourceLines("Proven.java", PROVEN.formatted("analysed: 1, proven: 15"))
        .setArgs(FailFast.FLAG)
        .doTest();
  }

  @Test
  void withTheProofsOffEveryBodyIsAnalysed() {
    allChecks()
        .addSourceLines("Proven.java", PROVEN.formatted("analysed: 16, proven: 0"))
        .setArgs(FailFast.FLAG, "-XepOpt:Miguard:GraphFreeProofs=false")
        .doTest();
  }

  @Test
  void aCheckThatReportsExceptionalPathsAsksForNoProof() {
    allChecks()
        .addSourceLines(
            "Unwinding.java",
            """
            import io.miguard.mi.*;
            class Unwinding {
              void unwinding(MiSession session, Runnable work) {
                // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                try (MiOperation op = session.enumerateInstances("root/cimv2", "Disk")) {
                  work.run();
                  op.drainInstances();
                }
              }
              // BUG: Diagnostic contains: analysed: 1
              int counted;
            }
            """)
        .setArgs(FailFast.FLAG, "-XepOpt:MiCloseBeforeDrain:ExceptionalPaths=true")
        .doTest();
  }

  /** Each near miss of the shape fails the proof, is analysed, and is reported as before. */
  @Test
  void nearMissesAreAnalysedAndReported() {
    allChecks()
        .addSourceLines(
            "NearMisses.java",
            """
            import io.miguard.mi.*;
            import java.util.*;
            class NearMisses {
              static final String NS = "root/cimv2";
              MiSession session;
              Identity other;
              void returnsBeforeTheDrain(boolean done) {
                // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                try (MiOperation op = session.enumerateInstances(NS, "A")) {
                  if (done) {
                    return;
                  }
                  op.drainInstances();
                }
              }
              List<MiInstance> drainsInOneBranch(boolean all) {
                // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                try (MiOperation op = session.enumerateInstances(NS, "A")) {
                  return all ? op.drainInstances() : List.of();
                }
              }
              boolean drainsOnTheRightOfAnd(boolean wanted) {
                // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                try (MiOperation op = session.enumerateInstances(NS, "A")) {
                  return wanted && op.drainInstances().isEmpty();
                }
              }
              void throwsBeforeTheDrain(boolean bad) {
                // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                try (MiOperation op = session.enumerateInstances(NS, "A")) {
                  if (bad) {
                    throw new IllegalStateException();
                  }
                  op.drainInstances();
                }
              }
              void caughtOnTheWayOut(String size) {
                try {
                  // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                  try (MiOperation op = session.enumerateInstances(NS, "A")) {
                    Long.parseLong(size);
                    op.drainInstances();
                  }
                } catch (NumberFormatException e) {
                }
              }
              void impersonatesInside() {
                // BUG: Diagnostic contains: [MiCloseInDifferentContext]
                try (MiOperation op = session.enumerateInstances(NS, "A")) {
                  op.drainInstances();
                  SecurityContext.impersonate(other);
                }
              }
              void leavesTheScopeInside(Identity auditor) {
                try (Impersonation as = SecurityContext.impersonate(auditor);
                    // BUG: Diagnostic contains: [MiCloseInDifferentContext]
                    MiOperation op = session.enumerateInstances(NS, "A")) {
                  op.drainInstances();
                  as.close();
                }
              }
              void asynchronous() {
                MiOperationCallbacks callbacks = new MiOperationCallbacks() {};
                try (MiOperation op = session.enumerateInstances(NS, "A", callbacks)) {
                  // BUG: Diagnostic contains: [MiRetrievalOnAsyncOperation]
                  op.drainInstances();
                }
              }
              void retrievesOnce() {
                // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                try (MiOperation op = session.enumerateInstances(NS, "A")) {
                  op.getInstance();
                }
              }
              void aSecondOperationLeaks() {
                try (MiOperation op = session.enumerateInstances(NS, "A")) {
                  op.drainInstances();
                  // BUG: Diagnostic contains: [MiOperationNotClosed]
                  MiOperation leaked = session.enumerateInstances(NS, "B");
                  leaked.drainInstances();
                }
              }
              void inALambdaThatDoesNotDrainFirst(List<String> names) {
                names.forEach(
                    name -> {
                      // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                      try (MiOperation op = session.enumerateInstances(NS, name)) {
                        if (name.isEmpty()) {
                          return;
                        }
                        op.drainInstances();
                      }
                    });
              }
              int throwsInASwitchBeforeTheDrain(int kind) {
                // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                try (MiOperation op = session.enumerateInstances(NS, "A")) {
                  return Math.max(
                      switch (kind) {
                        case 0 -> throw new IllegalArgumentException();
                        default -> kind;
                      },
                      op.drainInstances().size());
                }
              }
              Object keepsABorrowedInstance() {
                MiInstance last = null;
                MiOperation op = session.enumerateInstances(NS, "A");
                InstanceResult r;
                do {
                  r = op.getInstance();
                  if (r.instance() != null) {
                    last = r.instance();
                  }
                } while (r.moreResults());
                op.close();
                // BUG: Diagnostic contains: [MiResultUsedAfterRetrieval]
                return last == null ? null : last.get("Name");
              }
              void leavesTheDrainLoop() {
                MiOperation op = session.enumerateInstances(NS, "A");
                InstanceResult r;
                do {
                  r = op.getInstance();
                  if (r.instance() == null) {
                    break;
                  }
                } while (r.moreResults());
                // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                op.close();
              }
              Object readsTheLastResultAfterTheClose() {
                MiOperation op = session.enumerateInstances(NS, "A");
                InstanceResult r;
                do {
                  r = op.getInstance();
                } while (r.moreResults());
                op.close();
                MiInstance last = r.instance();
                // BUG: Diagnostic contains: [MiResultUsedAfterRetrieval]
                return last == null ? null : last.get("Name");
              }
              void breaksOutOfTheIteration() {
                MiOperation op = session.enumerateInstances(NS, "A");
                for (MiInstance i : op.instances()) {
                  if (i.get("Name") != null) {
                    break;
                  }
                }
                // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                op.close();
              }
              int returnsBeforeTheClose() {
                // BUG: Diagnostic contains: [MiOperationNotClosed]
                MiOperation op = session.enumerateInstances(NS, "A");
                int size = op.drainInstances().size();
                if (size == 0) {
                  return 0;
                }
                op.close();
                return size;
              }
              void closesOnOneBranch(boolean done) {
                // BUG: Diagnostic contains: [MiOperationNotClosed]
                MiOperation op = session.enumerateInstances(NS, "A");
                op.drainInstances();
                if (done) {
                  op.close();
                }
              }
              void closesTheSession() {
                // BUG: Diagnostic contains: [MiOperationNotClosed]
                MiOperation op = session.enumerateInstances(NS, "A");
                session.close();
              }
              static List<MiInstance> drainsUnlessSkipped(
                  // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                  @io.miguard.annotations.DrainsResults MiOperation op, boolean skip) {
                if (skip) {
                  return List.of();
                }
                return op.drainInstances();
              }
              int returnsBeforeTheDrainInTheTry(boolean skip) {
                MiOperation op = session.enumerateInstances(NS, "A");
                try {
                  if (skip) {
                    return 0;
                  }
                  return op.drainInstances().size();
                } finally {
                  // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                  op.close();
                }
              }
              int caughtBeforeTheDrainInTheTry(String size) {
                MiOperation op = session.enumerateInstances(NS, "A");
                try {
                  Long.parseLong(size);
                  return op.drainInstances().size();
                } catch (NumberFormatException e) {
                  return -1;
                } finally {
                  // BUG: Diagnostic contains: [MiCloseBeforeDrain]
                  op.close();
                }
              }
              MiSession session() {
                return session;
              }
              int startedOnACall() {
                // Correct, but the start's receiver is a call: not proven, analysed, silent.
                try (MiOperation op = session().enumerateInstances(NS, "A")) {
                  return op.drainInstances().size();
                }
              }
              // Of all these, only the accessor session() is proven (it names a session, no operation).
              // BUG: Diagnostic contains: proven: 1
              int counted;
            }
            """)
        .setArgs(FailFast.FLAG)
        .doTest();
  }
}
