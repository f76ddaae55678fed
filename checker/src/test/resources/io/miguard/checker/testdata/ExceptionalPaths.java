import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/** With -XepOpt:MiCloseBeforeDrain:ExceptionalPaths=true, unwinding paths are reported too. */
class ExceptionalPaths {
  static final String NS = "root/cimv2";

  void exceptionUnwindingThroughTheImplicitClose(MiSession s) {
    // BUG: Diagnostic contains: 'op' (started on line 11) may be closed before its final result is retrieved
    try (MiOperation op = s.enumerateInstances(NS, "Win32_LogicalDisk")) {
      InstanceResult r;
      do {
        r = op.getInstance();
        System.out.println(Long.parseLong(String.valueOf(r.instance().get("Size"))));
      } while (r.moreResults());
    }
  }

  void exceptionUnwindingThroughFinally(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_LogicalDisk");
    try {
      for (Object disk : op.instances()) {
        System.out.println(Long.parseLong(String.valueOf(disk)));
      }
    } finally {
      // BUG: Diagnostic contains: 'op' (started on line 21) may be closed before its final result is retrieved
      op.close();
    }
  }

  void drainedOnEveryPath(MiSession s) {
    try (MiOperation op = s.enumerateInstances(NS, "Win32_LogicalDisk")) {
      op.drainInstances();
    }
  }
}
