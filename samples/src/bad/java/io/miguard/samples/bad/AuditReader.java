package io.miguard.samples.bad;

import static io.miguard.samples.Inventory.SECURITY;

import io.miguard.mi.Identity;
import io.miguard.mi.Impersonation;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import io.miguard.mi.SecurityContext;
import java.util.List;

/** Reads the audit namespace as the auditor. */
public final class AuditReader {
  public static final Identity AUDITOR = Identity.of("CORP\\auditor");

  private final MiSession session;

  public AuditReader(MiSession session) {
    this.session = session;
  }

  /** Mistake: the impersonation is reverted before the operation it started is closed. */
  public List<MiInstance> auditRecords(String auditClass) {
    Impersonation asAuditor = SecurityContext.impersonate(AUDITOR);
    MiOperation records = session.enumerateInstances(SECURITY, auditClass);
    List<MiInstance> all = records.drainInstances();
    asAuditor.close();
    records.close(); // miguard: MiCloseInDifferentContext
    return all;
  }

  /** Mistake: an operation started as the caller is closed inside runAs another identity. */
  public int countAndCloseAsAuditor(String auditClass) {
    MiOperation records = session.enumerateInstances(SECURITY, auditClass);
    return SecurityContext.runAs(
        AUDITOR,
        () -> {
          int count = records.drainInstances().size();
          records.close(); // miguard: MiCloseInDifferentContext
          return count;
        });
  }
}
