package io.miguard.samples.good;

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
   * The worker impersonates the auditor itself (impersonation does not follow a thread hop), and
   * starts, drains and closes the operation inside that impersonation.
   */
  public Future<Integer> countInBackground(Identity auditor, String auditClass) {
    return workers.submit(
        () -> {
          try (Impersonation asAuditor = SecurityContext.impersonate(auditor);
              MiOperation records = session.enumerateInstances(SECURITY, auditClass)) {
            return records.drainInstances().size();
          }
        });
  }
}
