import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/** Loops that drain on the false edge of moreResults(), and loops that may leave early. */
class DrainLoops {
  static final String NS = "root/cimv2";

  void doWhile(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    InstanceResult r;
    do {
      r = op.getInstance();
    } while (r.moreResults());
    op.close();
  }

  void doWhileWithEarlyBreak(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    InstanceResult r;
    do {
      r = op.getInstance();
      if (r.instance() == null) {
        break;
      }
    } while (r.moreResults());
    // BUG: Diagnostic contains: 'op' (started on line 19) may be closed before its final result is retrieved: the path through line 24
    op.close();
  }

  void whileTrueBreakOnLast(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    while (true) {
      InstanceResult r = op.getInstance();
      if (!r.moreResults()) {
        break;
      }
    }
    op.close();
  }

  void whileTrueBreakOnError(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    while (true) {
      InstanceResult r = op.getInstance();
      if (!r.succeeded()) {
        break;
      }
      if (!r.moreResults()) {
        break;
      }
    }
    // BUG: Diagnostic contains: (started on line 43) may be closed before its final result is retrieved: the path through line 47
    op.close();
  }

  void forWithRetrievalInInitAndUpdate(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    for (InstanceResult r = op.getInstance(); r.moreResults(); r = op.getInstance()) {
      System.out.println(r.instance());
    }
    op.close();
  }

  void forThatStopsAtALimit(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    int n = 0;
    for (InstanceResult r = op.getInstance(); r.moreResults() && n < 10; r = op.getInstance()) {
      n++;
    }
    // BUG: Diagnostic contains: (started on line 66) may be closed before its final result is retrieved: the path through line 68
    op.close();
  }

  void booleanLocalCarriesMoreResults(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    boolean more = true;
    while (more) {
      InstanceResult r = op.getInstance();
      more = r.moreResults();
    }
    op.close();
  }

  void negatedBooleanLocal(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    boolean done = false;
    while (!done) {
      InstanceResult r = op.getInstance();
      done = !r.moreResults();
    }
    op.close();
  }

  void comparedWithLiteral(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    InstanceResult r;
    do {
      r = op.getInstance();
    } while (r.moreResults() == true);
    op.close();
  }

  void orWithTheLastResult(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    while (true) {
      InstanceResult r = op.getInstance();
      if (!r.moreResults() || r.instance() == null) {
        // BUG: Diagnostic contains: (started on line 105) may be closed before its final result is retrieved: the path through line 108
        op.close();
        return;
      }
    }
  }

  void andBothSaysNoMore(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    while (true) {
      InstanceResult r = op.getInstance();
      if (!r.moreResults() && r.succeeded()) {
        op.close();
        return;
      }
      if (!r.moreResults()) {
        op.close();
        return;
      }
    }
  }

  void neverRetrieved(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    // BUG: Diagnostic contains: 'op' (started on line 132) is closed before its final result is retrieved: no path to this close drains it
    op.close();
  }

  void oneRetrievalOfAMultiResultOperation(MiSession s) {
    MiOperation op = s.queryInstances(NS, "WQL", "SELECT * FROM Win32_Service");
    InstanceResult first = op.getInstance();
    System.out.println(first.instance());
    // BUG: Diagnostic contains: Results are retrieved, but a multi-result operation is drained only when moreResults() is false
    op.close();
  }

  void loopThatNeverTestsMoreResults(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    while (true) {
      InstanceResult r = op.getInstance();
      if (r.instance() == null) {
        break;
      }
    }
    // BUG: Diagnostic contains: no path to this close drains it. Results are retrieved, but a multi-result operation is drained only when moreResults() is false
    op.close();
  }

  void breakWhenMoreResultsFollow(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    do {
      InstanceResult r = op.getInstance();
      if (r.moreResults()) {
        break;
      }
    } while (true);
    // BUG: Diagnostic contains: 'op' (started on line 158) is closed before its final result is retrieved: no path to this close drains it
    op.close();
  }

  void breakOnMoreResultsAfterSomeDrainingPaths(MiSession s, boolean quick) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Process");
    InstanceResult r;
    do {
      r = op.getInstance();
      if (quick && r.moreResults()) {
        break;
      }
    } while (r.moreResults());
    // BUG: Diagnostic contains: 'op' (started on line 170) may be closed before its final result is retrieved: the path through line 175
    op.close();
  }
}
