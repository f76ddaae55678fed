import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An operation that escapes to code the check cannot see is not reported. */
class Escapes {
  static final String NS = "root/cimv2";
  private MiOperation current;
  private final List<MiOperation> pending = new ArrayList<>();

  void storedInAField(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    current = op;
    op.close();
  }

  MiOperation returnedOnAnotherPath(MiSession s, boolean close) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    if (close) {
      // Returning it on the other path does not make this close right.
      // BUG: Diagnostic contains: 'op' (started on line 20) is closed
      op.close();
      return null;
    }
    return op;
  }

  void capturedByALambda(MiSession s, Consumer<Runnable> later) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    later.accept(() -> op.drainInstances());
    op.close();
  }

  void passedToAnUnknownMethod(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    pending.add(op);
    op.close();
  }

  void aliasStillTracked(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    MiOperation alias = op;
    alias.drainInstances();
    op.close();
  }

  void aliasReassigned(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    op.drainInstances();
    MiOperation first = op;
    op = s.enumerateInstances(NS, "Win32_Process");
    first.close();
    // BUG: Diagnostic contains: 'op' (started on line 53) is closed before its final result is retrieved
    op.close();
  }

  void accessorsDoNotEscape(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    System.out.println(op.isSynchronous() + " " + op.getSession());
    // BUG: Diagnostic contains: 'op' (started on line 60) is closed
    op.close();
  }

  void nullThenAssigned(MiSession s, boolean query) {
    MiOperation op = null;
    try {
      op = s.enumerateInstances(NS, "Win32_Service");
      op.getInstance();
    } finally {
      if (op != null) {
        // BUG: Diagnostic contains: 'op' (started on line 69) is closed
        op.close();
      }
    }
  }
}
