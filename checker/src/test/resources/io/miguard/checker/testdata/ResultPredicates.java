import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/**
 * Boolean helpers of the same file whose whole body returns a formula over a result's moreResults()
 * and boolean parameters: a call to one is that formula over its arguments. A parameter whose
 * argument is not known proves nothing.
 */
class ResultPredicates {
  static final String NS = "root/cimv2";

  static boolean hasMore(InstanceResult r) {
    return r.moreResults();
  }

  static boolean isLast(InstanceResult r) {
    return !(r.moreResults());
  }

  static boolean hasMoreAndWanted(InstanceResult r, boolean wanted) {
    return r.moreResults() && wanted;
  }

  boolean alsoMore(String label, InstanceResult r) {
    return r.moreResults();
  }

  void doWhileHelper(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    InstanceResult r;
    do {
      r = op.getInstance();
    } while (hasMore(r));
    op.close();
  }

  void breakOnNegatedHelper(MiSession s) {
    try (MiOperation op = s.enumerateInstances(NS, "Win32_Process")) {
      while (true) {
        InstanceResult r = op.getInstance();
        if (isLast(r)) {
          break;
        }
      }
    }
  }

  void instanceHelperOnSecondParameterThroughALocal(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    boolean more = true;
    while (more) {
      InstanceResult r = op.getInstance();
      more = alsoMore("processes", r);
    }
    op.close();
  }

  void wrongPolarity(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    InstanceResult r;
    do {
      r = op.getInstance();
    } while (isLast(r));
    // BUG: Diagnostic contains: 'op' (started on line 60) is closed before its final result is retrieved: no path to this close drains it
    op.close();
  }

  void helperWithAnUnknownArgument(MiSession s, boolean wanted) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    InstanceResult r;
    do {
      r = op.getInstance();
    } while (hasMoreAndWanted(r, wanted));
    // BUG: Diagnostic contains: 'op' (started on line 70)
    op.close();
  }

  void helperWithALiteralArgumentIsTheAccessor(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    InstanceResult r;
    do {
      r = op.getInstance();
    } while (hasMoreAndWanted(r, true));
    op.close();
  }
}
