package io.miguard.samples.good;

import static io.miguard.samples.Inventory.SECURITY;

import io.miguard.mi.Identity;
import io.miguard.mi.Impersonation;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import io.miguard.mi.SecurityContext;
import java.util.List;

/** Reads the audit namespace, which only the auditor may read. */
public final class AuditReader {
  public static final Identity AUDITOR = Identity.of("CORP\\auditor");

  private final MiSession session;

  public AuditReader(MiSession session) {
    this.session = session;
  }

  /** The audit records, read and closed while impersonating the auditor. */
  public List<MiInstance> auditRecords(String auditClass) {
    try (Impersonation asAuditor = SecurityContext.impersonate(AUDITOR);
        MiOperation records = session.enumerateInstances(SECURITY, auditClass)) {
      return records.drainInstances();
    }
  }

  /** The same through runAs: start, drain and close all happen inside the auditor's context. */
  public int auditRecordCount(String auditClass) {
    return SecurityContext.runAs(
        AUDITOR,
        () -> {
          try (MiOperation records = session.enumerateInstances(SECURITY, auditClass)) {
            return records.drainInstances().size();
          }
        });
  }
}
