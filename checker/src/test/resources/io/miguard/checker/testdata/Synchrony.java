import io.miguard.mi.MiOperation;
import io.miguard.mi.MiOperationCallbacks;
import io.miguard.mi.MiSession;
import io.miguard.mi.OperationOptions;

/** Asynchronous operations are never flagged; a literal null callbacks argument is synchronous. */
class Synchrony {
  static final String NS = "root/cimv2";

  void asynchronous(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service", new MiOperationCallbacks() {});
    op.close();
  }

  void asynchronousThroughALocal(MiSession s) {
    MiOperationCallbacks callbacks = new MiOperationCallbacks() {};
    MiOperation op = s.enumerateInstances(NS, "Win32_Service", callbacks);
    op.close();
  }

  void literalNullCallbacks(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service", null);
    // BUG: Diagnostic contains: 'op' (started on line 22) is closed before its final result is retrieved
    op.close();
  }

  void nullCallbacksThroughALocal(MiSession s) {
    MiOperationCallbacks none = null;
    MiOperation op = s.enumerateInstances(NS, "Win32_Service", none);
    // BUG: Diagnostic contains: 'op' (started on line 29) is closed
    op.close();
  }

  void nullOptionsAndCallbacks(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service", (OperationOptions) null, null);
    // BUG: Diagnostic contains: 'op' (started on line 35) is closed
    op.close();
  }

  void unknownCallbacks(MiSession s, MiOperationCallbacks callbacks) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service", callbacks);
    op.close();
  }

  void maybeNull(MiSession s, boolean async) {
    MiOperationCallbacks callbacks = async ? new MiOperationCallbacks() {} : null;
    MiOperation op = s.enumerateInstances(NS, "Win32_Service", callbacks);
    op.close();
  }
}
