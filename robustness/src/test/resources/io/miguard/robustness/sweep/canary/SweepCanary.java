package miguard.sweep.canary;

import io.miguard.mi.CancellationReason;
import io.miguard.mi.Identity;
import io.miguard.mi.Impersonation;
import io.miguard.mi.InstanceCallback;
import io.miguard.mi.MiApplication;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiOperationCallbacks;
import io.miguard.mi.MiSession;
import io.miguard.mi.SecurityContext;

/**
 * Compiled together with every tree of the real-world sweep, so that each compilation proves the
 * checks were loaded and report what they should: every line marked "miguard: Check" must be
 * reported by that check, every line marked "miguard with ExceptionalPaths: Check" only when the
 * tree runs MiCloseBeforeDrain with -XepOpt:MiCloseBeforeDrain:ExceptionalPaths=true, and nothing
 * else in the compilation may be reported.
 */
class SweepCanary {
  private static final String NAMESPACE = "root/cimv2";
  private static final Identity AUDITOR = Identity.of("CORP\\auditor");

  void closeAfterCancel(MiSession session) {
    MiOperation processes = session.enumerateInstances(NAMESPACE, "Win32_Process");
    processes.cancel(CancellationReason.NONE);
    processes.close(); // miguard: MiCloseBeforeDrain
  }

  int closeAfterRevert(MiSession session) {
    Impersonation asAuditor = SecurityContext.impersonate(AUDITOR);
    MiOperation services = session.enumerateInstances(NAMESPACE, "Win32_Service");
    int count = services.drainInstances().size();
    asAuditor.close();
    services.close(); // miguard: MiCloseInDifferentContext
    return count;
  }

  int closeWhileUnwinding(MiSession session, String limit) {
    try (MiOperation disks = session.enumerateInstances(NAMESPACE, "Win32_LogicalDisk")) { // miguard with ExceptionalPaths: MiCloseBeforeDrain
      int max = Integer.parseInt(limit);
      return Math.min(max, disks.drainInstances().size());
    }
  }

  int leftOpen(MiSession session) {
    MiOperation shares = session.enumerateInstances(NAMESPACE, "Win32_Share"); // miguard: MiOperationNotClosed
    return shares.drainInstances().size();
  }

  void retrieveFromAsync(MiSession session) {
    InstanceCallback ignore = (operation, result, ack) -> {};
    try (MiOperation users = session.enumerateInstances(NAMESPACE, "Win32_UserAccount", ignore)) {
      users.drainInstances(); // miguard: MiRetrievalOnAsyncOperation
    }
  }

  Object readAfterClose(MiSession session, MiInstance keys) {
    MiOperation os = session.getInstance(NAMESPACE, keys);
    MiInstance found = os.getInstance().instance();
    os.close();
    return found.get("Caption"); // miguard: MiResultUsedAfterRetrieval
  }

  MiOperationCallbacks closeInCallback(MiApplication application) {
    return MiOperationCallbacks.onInstance(
        (operation, result, ack) -> {
          operation.close();
          application.close(); // miguard: MiCloseInCallback
        });
  }
}
