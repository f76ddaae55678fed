import io.miguard.mi.Identity;
import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import io.miguard.mi.SecurityContext;
import java.util.List;
import java.util.function.Supplier;

/** Every construct, each with a correct and a faulty use. */
class Constructs {
  static final String NS = "root/cimv2";
  private final MiSession session;

  Constructs(MiSession session) {
    this.session = session;
    MiOperation op = session.testConnection();
    // BUG: Diagnostic contains: 'op' (started on line 17) is closed
    op.close();
  }

  Constructs(MiSession session, boolean check) {
    this.session = session;
    MiOperation op = session.testConnection();
    op.getInstance();
    op.close();
  }

  {
    MiOperation op = Sessions.current().enumerateInstances(NS, "Win32_Service");
    // BUG: Diagnostic contains: 'op' (started on line 30) is closed
    op.close();
  }

  static {
    MiOperation op = Sessions.current().enumerateInstances(NS, "Win32_Service");
    op.drainInstances();
    op.close();
  }

  private final Runnable inAFieldInitializer =
      () -> {
        MiOperation op = Sessions.current().enumerateInstances(NS, "Win32_Service");
        // BUG: Diagnostic contains: 'op' (started on line 43) is closed
        op.close();
      };

  int switchStatement(int mode) {
    MiOperation op = session.enumerateInstances(NS, "Win32_Service");
    int count = 0;
    switch (mode) {
      case 0:
        count = op.drainInstances().size();
        break;
      case 1:
        for (MiInstance i : op.instances()) {
          count++;
        }
        break;
      default:
        count = -1;
    }
    // BUG: Diagnostic contains: 'op' (started on line 49) may be closed before its final result is retrieved: the path through line 61
    op.close();
    return count;
  }

  int switchExpressionDrainsInEveryArm(int mode) {
    MiOperation op = session.enumerateInstances(NS, "Win32_Service");
    int count =
        switch (mode) {
          case 0 -> op.drainInstances().size();
          default -> {
            int n = 0;
            InstanceResult r;
            do {
              r = op.getInstance();
              n++;
            } while (r.moreResults());
            yield n;
          }
        };
    op.close();
    return count;
  }

  int switchExpressionWithAnArmThatDoesNot(int mode) {
    MiOperation op = session.enumerateInstances(NS, "Win32_Service");
    int count =
        switch (mode) {
          case 0 -> op.drainInstances().size();
          default -> 0;
        };
    // BUG: Diagnostic contains: 'op' (started on line 88) may be closed before its final result is retrieved: the path through line 92
    op.close();
    return count;
  }

  void nestedOperations() {
    MiOperation services = session.enumerateInstances(NS, "Win32_Service");
    for (MiInstance service : services.instances()) {
      MiOperation dependents =
          session.associatorInstances(NS, service, "Win32_DependentService", null, null, null);
      InstanceResult first = dependents.getInstance();
      // BUG: Diagnostic contains: 'dependents' (started on line 103) is closed
      dependents.close();
      System.out.println(first.instance());
    }
    services.close();
  }

  void nestedOperationsInnerLeavesOuterUndrained() {
    MiOperation services = session.enumerateInstances(NS, "Win32_Service");
    InstanceResult r = services.getInstance();
    MiOperation dependents =
        session.associatorInstances(NS, r.instance(), "Win32_DependentService", null, null, null);
    dependents.drainInstances();
    dependents.close();
    // BUG: Diagnostic contains: 'services' (started on line 113) is closed
    services.close();
  }

  void tryFinally() {
    MiOperation op = session.enumerateInstances(NS, "Win32_Service");
    try {
      op.drainInstances();
    } finally {
      op.close();
    }
  }

  List<MiInstance> tryFinallyWithEarlyReturn(boolean skip) {
    MiOperation op = session.enumerateInstances(NS, "Win32_Service");
    try {
      if (skip) {
        return List.of();
      }
      return op.drainInstances();
    } finally {
      // BUG: Diagnostic contains: 'op' (started on line 133) may be closed before its final result is retrieved: the path through line 136
      op.close();
    }
  }

  void severalResources() {
    try (MiOperation a = session.enumerateInstances(NS, "Win32_Service");
        // BUG: Diagnostic contains: 'b' (started on line 148) is closed
        MiOperation b = session.enumerateInstances(NS, "Win32_Process")) {
      a.drainInstances();
    }
  }

  void severalResourcesBothDrained() {
    try (MiOperation a = session.enumerateInstances(NS, "Win32_Service");
        MiOperation b = session.enumerateInstances(NS, "Win32_Process")) {
      a.drainInstances();
      b.drainInstances();
    }
  }

  void existingVariableAsResource() {
    MiOperation op = session.enumerateInstances(NS, "Win32_Service");
    // BUG: Diagnostic contains: 'op' (started on line 162) is closed
    try (op) {
      System.out.println(op.getInstance().instance());
    }
  }

  void lambdas(List<String> classes) {
    classes.forEach(
        c -> {
          MiOperation op = session.enumerateInstances(NS, c);
          op.drainInstances();
          op.close();
        });
    classes.forEach(
        c -> {
          MiOperation op = session.enumerateInstances(NS, c);
          // BUG: Diagnostic contains: 'op' (started on line 178) is closed
          op.close();
        });
  }

  void capturedAndClosedInALambdaThatMayRunLater() {
    MiOperation op = session.enumerateInstances(NS, "Win32_Service");
    Runnable later = () -> op.close();
    later.run();
  }

  void capturedAndClosedInsideRunAs(Identity user) {
    MiOperation op = session.enumerateInstances(NS, "Win32_Service");
    SecurityContext.runAs(
        user,
        () -> {
          // BUG: Diagnostic contains: 'op' (started on line 191) is closed
          op.close();
        });
  }

  void anonymousClass() {
    Supplier<Integer> count =
        new Supplier<>() {
          @Override
          public Integer get() {
            MiOperation op = session.enumerateInstances(NS, "Win32_Service");
            InstanceResult r = op.getInstance();
            // BUG: Diagnostic contains: 'op' (started on line 205) is closed
            op.close();
            return r.moreResults() ? 1 : 0;
          }
        };
    System.out.println(count.get());
  }

  void localClass() {
    class Counter {
      int count() {
        try (MiOperation op = session.enumerateInstances(NS, "Win32_Service")) {
          return op.drainInstances().size();
        }
      }

      int badCount() {
        // BUG: Diagnostic contains: 'op' (started on line 225) may be closed
        try (MiOperation op = session.enumerateInstances(NS, "Win32_Service")) {
          return op.getInstance().moreResults() ? 1 : 0;
        }
      }
    }
    System.out.println(new Counter().count() + new Counter().badCount());
  }

  int switchStatementDrainsInEveryBranch(int mode) {
    MiOperation op = session.enumerateInstances(NS, "Win32_Service");
    int count = 0;
    switch (mode) {
      case 0:
        count = op.drainInstances().size();
        break;
      default:
        for (MiInstance i : op.instances()) {
          count++;
        }
    }
    op.close();
    return count;
  }

  void nestedOperationsBothDrained() {
    try (MiOperation services = session.enumerateInstances(NS, "Win32_Service")) {
      for (MiInstance service : services.instances()) {
        try (MiOperation dependents =
            session.associatorInstances(NS, service, "Win32_DependentService", null, null, null)) {
          dependents.drainInstances();
        }
      }
    }
  }

  void anonymousClassThatDrains() {
    Runnable list =
        new Runnable() {
          @Override
          public void run() {
            MiOperation op = session.enumerateInstances(NS, "Win32_Service");
            op.drainInstances();
            op.close();
          }
        };
    list.run();
  }

  private final Runnable drainingFieldInitializer =
      () -> {
        MiOperation op = Sessions.current().enumerateInstances(NS, "Win32_Service");
        op.drainInstances();
        op.close();
      };

  /** Where the operations of initializers come from. */
  static final class Sessions {
    static MiSession current() {
      return null;
    }
  }
}
