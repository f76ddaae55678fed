package io.miguard.samples.bad;

import static io.miguard.samples.Inventory.SECURITY;

import io.miguard.mi.Identity;
import io.miguard.mi.Impersonation;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import io.miguard.mi.SecurityContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Counts audit records on a worker thread. */
public final class BackgroundAudit {
  private final MiSession session;
  private final ExecutorService workers;

  public BackgroundAudit(MiSession session, ExecutorService workers) {
    this.session = session;
    this.workers = workers;
  }

  /**
   * Mistake: the operation is started while impersonating the auditor, but closed on a worker
   * thread, which runs as the process identity.
   */
  public Future<Integer> countInBackground(Identity auditor, String auditClass) {
    try (Impersonation asAuditor = SecurityContext.impersonate(auditor)) {
      MiOperation records = session.enumerateInstances(SECURITY, auditClass);
      return workers.submit(
          () -> {
            int count = records.drainInstances().size();
            records.close(); // miguard: MiCloseInDifferentContext
            return count;
          });
    }
  }
}
