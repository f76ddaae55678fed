import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiException;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/** Exceptional paths: thrown, caught, or unwinding out of the method through the close. */
class Exceptions {
  static final String NS = "root/cimv2";

  long caughtThenClosed(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_LogicalDisk");
    long total = 0;
    try {
      InstanceResult r;
      do {
        r = op.getInstance();
        total += Long.parseLong(String.valueOf(r.instance().get("Size")));
      } while (r.moreResults());
    } catch (NumberFormatException notANumber) {
      System.err.println(notANumber.getMessage());
    }
    // BUG: Diagnostic contains: 'op' (started on line 11) may be closed before its final result is retrieved: the path through line 20
    op.close();
    return total;
  }

  void retrievalFailureCaught(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_LogicalDisk");
    try {
      op.drainInstances();
    } catch (MiException | NullPointerException failed) {
      System.err.println(failed.getMessage());
    }
    op.close();
  }

  void retrievalLoopInATryThatCatchesTheBindingsException(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_LogicalDisk");
    try {
      InstanceResult r;
      do {
        r = op.getInstance(); // a failure here is the final result: drained
      } while (r.moreResults()); // reading a result cannot fail
    } catch (MiException failed) {
      System.err.println(failed.getMessage());
    }
    op.close();
  }

  void throwStatementThroughTheImplicitClose(MiSession s) {
    // BUG: Diagnostic contains: 'op' (started on line 52) may be closed before its final result is retrieved: the path through line 57
    try (MiOperation op = s.enumerateInstances(NS, "Win32_LogicalDisk")) {
      InstanceResult r;
      do {
        r = op.getInstance();
        if (r.instance() == null) {
          throw new IllegalStateException("no disk");
        }
      } while (r.moreResults());
    }
  }

  void exceptionUnwindingThroughTheImplicitClose(MiSession s) {
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
      op.close();
    }
  }
}
