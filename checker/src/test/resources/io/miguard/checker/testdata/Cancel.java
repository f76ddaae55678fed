import io.miguard.mi.CancellationReason;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/** A cancel does not drain. */
class Cancel {
  static final String NS = "root/cimv2";

  void cancelThenClose(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    op.cancel(CancellationReason.TIMEOUT);
    // BUG: Diagnostic contains: The cancel on line 11 does not drain it
    op.close();
  }

  void cancelDrainThenClose(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    op.cancel(CancellationReason.TIMEOUT);
    op.drainInstances();
    op.close();
  }

  void destructorStyle(MiSession s, boolean stop) {
    MiOperation op = s.subscribe(NS, "WQL", "SELECT * FROM __InstanceCreationEvent");
    try {
      System.out.println(op.getIndication());
    } finally {
      if (stop) {
        op.cancel(CancellationReason.SHUTDOWN);
      }
      // BUG: Diagnostic contains: 'op' (started on line 24) is closed before its final result is retrieved
      op.close();
    }
  }
}
