import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import java.util.List;

/** drainInstances() and for-each loops over instances(). */
class Iteration {
  static final String NS = "root/cimv2";

  List<MiInstance> drain(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    List<MiInstance> all = op.drainInstances();
    op.close();
    return all;
  }

  void forEachThatCompletes(MiSession s) {
    try (MiOperation op = s.enumerateInstances(NS, "Win32_Service")) {
      for (MiInstance service : op.instances()) {
        System.out.println(service.get("Name"));
      }
    }
  }

  void forEachOverALocalIterable(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    Iterable<MiInstance> services = op.instances();
    for (MiInstance service : services) {
      System.out.println(service);
    }
    op.close();
  }

  void forEachWithBreak(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    for (MiInstance service : op.instances()) {
      if (service.get("Name") == null) {
        break;
      }
    }
    // BUG: Diagnostic contains: 'op' (started on line 35) may be closed before its final result is retrieved: the path through line 38
    op.close();
  }

  MiInstance forEachWithReturn(MiSession s, String name) {
    // BUG: Diagnostic contains: 'op' (started on line 47) may be closed before its final result is retrieved: the path through line 50
    try (MiOperation op = s.enumerateInstances(NS, "Win32_Service")) {
      for (MiInstance service : op.instances()) {
        if (name.equals(service.get("Name"))) {
          return service;
        }
      }
    }
    return null;
  }

  void forEachWithThrow(MiSession s) {
    // BUG: Diagnostic contains: 'op' (started on line 59) may be closed before its final result is retrieved: the path through line 62
    try (MiOperation op = s.enumerateInstances(NS, "Win32_Service")) {
      for (MiInstance service : op.instances()) {
        if (service.get("Name") == null) {
          throw new IllegalStateException("a service without a name");
        }
      }
    }
  }

  void labelledBreakLeavesTheInnerLoop(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    outer:
    while (true) {
      for (MiInstance service : op.instances()) {
        if (service.get("Name") == null) {
          break outer;
        }
      }
      break;
    }
    // BUG: Diagnostic contains: 'op' (started on line 69) may be closed before its final result is retrieved: the path through line 74
    op.close();
  }

  void labelledBreakAfterTheLoopCompleted(MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    outer:
    while (true) {
      for (MiInstance service : op.instances()) {
        System.out.println(service);
      }
      break outer;
    }
    op.close();
  }
}
