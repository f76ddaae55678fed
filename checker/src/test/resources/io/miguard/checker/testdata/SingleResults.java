import io.miguard.mi.ClassResult;
import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/** Single-result operations: one retrieval drains, unless moreResults() was seen true. */
class SingleResults {
  static final String NS = "root/cimv2";

  MiInstance get(MiSession s, MiInstance keys) {
    MiOperation op = s.getInstance(NS, keys);
    MiInstance found = op.getInstance().instance();
    op.close();
    return found;
  }

  void invokeOnce(MiSession s, MiInstance target) {
    MiOperation op = s.invoke(NS, "Win32_Process", "Terminate", target, null);
    InstanceResult r = op.getInstance();
    if (!r.succeeded()) {
      System.err.println(r.errorMessage());
    }
    op.close();
  }

  void getClassOnce(MiSession s) {
    try (MiOperation op = s.getCimClass(NS, "Win32_Process")) {
      ClassResult r = op.getCimClass();
      System.out.println(r.cimClass());
    }
  }

  void moreSeenTrueThenClosed(MiSession s, MiInstance keys) {
    MiOperation op = s.getInstance(NS, keys);
    InstanceResult r = op.getInstance();
    if (r.moreResults()) {
      // REPORT_OPERATION_STARTED: the first result was not the final one.
      // BUG: Diagnostic contains: 'op' (started on line 35) is closed before its final result is retrieved
      op.close();
      return;
    }
    op.close();
  }

  void neverRetrieved(MiSession s) {
    MiOperation op = s.testConnection();
    // BUG: Diagnostic contains: 'op' (started on line 47) is closed before its final result is retrieved: no path to this close drains it
    op.close();
  }

  void retrievedOnOnePathOnly(MiSession s, MiInstance instance, boolean check) {
    MiOperation op = s.deleteInstance(NS, instance);
    if (check) {
      System.out.println(op.getInstance().resultCode());
    }
    // BUG: Diagnostic contains: 'op' (started on line 53) may be closed before its final result is retrieved: the path through line 54
    op.close();
  }
}
