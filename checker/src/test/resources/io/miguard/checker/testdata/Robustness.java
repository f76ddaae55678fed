import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/** Newer language features around operations: no crash, and the right answer. */
class Robustness {
  static final String NS = "root/cimv2";

  record Query(MiSession session, String wql) {
    Query {
      MiOperation probe = session.testConnection();
      probe.getInstance();
      probe.close();
    }

    int count() {
      MiOperation op = session.queryInstances(NS, "WQL", wql);
      // BUG: Diagnostic contains: 'op' (started on line 18) is closed
      op.close();
      return 0;
    }
  }

  void patternMatching(Object source, MiSession s) {
    if (source instanceof MiOperation op && op.isSynchronous()) {
      op.drainInstances();
      op.close();
    }
    MiOperation mine = s.enumerateInstances(NS, "Win32_Service");
    if (source instanceof String name && !name.isEmpty()) {
      mine.drainInstances();
    }
    // BUG: Diagnostic contains: 'mine' (started on line 30) may be closed before its final result is retrieved: the path through line 31
    mine.close();
  }

  void textBlock(MiSession s) {
    String wql =
        """
        SELECT Name
        FROM Win32_Service
        """;
    MiOperation op = s.queryInstances(NS, "WQL", wql);
    // BUG: Diagnostic contains: 'op' (started on line 44) is closed
    op.close();
    MiOperation again = s.queryInstances(NS, "WQL", wql);
    again.drainInstances();
    again.close();
  }

  void nestedTryFinally(MiSession s) {
    MiOperation outer = s.enumerateInstances(NS, "Win32_Service");
    try {
      MiOperation inner = s.enumerateInstances(NS, "Win32_Process");
      try {
        inner.drainInstances();
      } finally {
        try {
          System.out.println("closing");
        } finally {
          inner.close();
        }
      }
      outer.drainInstances();
    } finally {
      outer.close();
    }
  }

  void nestedTryFinallyReturnFromTheInnerTry(MiSession s, boolean early) {
    MiOperation outer = s.enumerateInstances(NS, "Win32_Service");
    try {
      try {
        if (early) {
          return;
        }
        outer.drainInstances();
      } finally {
        System.out.println("inner finally");
      }
    } finally {
      // BUG: Diagnostic contains: 'outer' (started on line 72) may be closed before its final result is retrieved: the path through line 75
      outer.close();
    }
  }

  void labelledLoops(MiSession s, int tries) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    retry:
    for (int attempt = 0; attempt < tries; attempt++) {
      InstanceResult r;
      do {
        r = op.getInstance();
        if (r.instance() == null) {
          continue retry;
        }
      } while (r.moreResults());
      break retry;
    }
    // BUG: Diagnostic contains: 'op' (started on line 89) may be closed before its final result is retrieved
    op.close();
  }

  void conditionalExpression(MiSession s, boolean services) {
    MiOperation op =
        services
            ? s.enumerateInstances(NS, "Win32_Service")
            : s.enumerateInstances(NS, "Win32_Process");
    op.drainInstances();
    op.close();
    MiOperation other = services ? s.testConnection() : s.enumerateInstances(NS, "Win32_Process");
    // BUG: Diagnostic contains: 'other' (started on line 112) is closed
    other.close();
  }

  Object varAndGenerics(MiSession s) {
    var op = s.enumerateInstances(NS, "Win32_Service");
    java.util.List<MiInstance> all = op.drainInstances();
    op.close();
    return all;
  }
}
