import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import java.util.ArrayList;
import java.util.List;

/** Helpers and factories of the same compilation unit, understood without annotations. */
class Helpers {
  static final String NS = "root/cimv2";

  private static List<MiInstance> readAll(MiOperation operation) {
    List<MiInstance> all = new ArrayList<>();
    InstanceResult r;
    do {
      r = operation.getInstance();
      all.add(r.instance());
    } while (r.moreResults());
    return all;
  }

  private static MiInstance first(MiOperation operation) {
    return operation.getInstance().instance();
  }

  private static void readUnlessEmpty(MiOperation operation, boolean empty) {
    if (!empty) {
      operation.drainInstances();
    }
  }

  private MiOperation services(MiSession s) {
    return s.enumerateInstances(NS, "Win32_Service");
  }

  private MiOperation servicesWithCallbacks(MiSession s) {
    return s.enumerateInstances(NS, "Win32_Service", new io.miguard.mi.MiOperationCallbacks() {});
  }

  void helperThatDrains(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    readAll(op);
    op.close();
  }

  void helperThatReadsOneResult(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    first(op);
    // BUG: Diagnostic contains: 'op' (started on line 47) is closed before its final result is retrieved
    op.close();
  }

  void helperThatReadsTheOneResultOfAGet(MiSession s, MiInstance keys) {
    MiOperation op = s.getInstance(NS, keys);
    first(op);
    op.close();
  }

  void helperThatDrainsOnSomePaths(MiSession s, boolean empty) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    readUnlessEmpty(op, empty);
    // BUG: Diagnostic contains: 'op' (started on line 60) may be closed before its final result is retrieved: the path through line 61
    op.close();
  }

  void factory(MiSession s) {
    MiOperation op = services(s);
    // BUG: Diagnostic contains: 'op' (started on line 67) is closed before its final result is retrieved
    op.close();
  }

  void factoryDrained(MiSession s) {
    MiOperation op = services(s);
    readAll(op);
    op.close();
  }

  void asynchronousFactory(MiSession s) {
    MiOperation op = servicesWithCallbacks(s);
    op.close();
  }

  void helperOfAnotherCompilationUnitThatDrains(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    Library.drainAll(op);
    op.close();
  }

  void helperOfAnotherCompilationUnitThatIsNotAnnotated(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    Library.inspect(op); // the check cannot see what it does: the operation escapes
    op.close();
  }
}
