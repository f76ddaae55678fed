package io.miguard.samples;

import io.miguard.mi.Identity;
import io.miguard.mi.Impersonation;
import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiApplication;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import io.miguard.mi.SecurityContext;

/** The README's quick start, runnable as it stands. */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    try (MiApplication app = MiApplication.initialize("quickstart");
        MiSession session = app.newSession(null, null)) {
      // Synchronous: pull results until one says moreResults() == false, then close.
      try (MiOperation processes = session.enumerateInstances("root/cimv2", "Win32_Process")) {
        for (MiInstance process : processes.instances()) { // a completed for-each drains
          System.out.println(process.get("ProcessId") + " " + process.get("Name"));
        }
      }
      // WQL, read with the canonical MI loop.
      try (MiOperation disks =
          session.queryInstances(
              "root/cimv2",
              "WQL",
              "SELECT DeviceID, FreeSpace FROM Win32_LogicalDisk WHERE DriveType = 3")) {
        InstanceResult r;
        do {
          r = disks.getInstance();
          if (r.instance() != null) {
            System.out.println(r.instance());
          }
        } while (r.moreResults());
      }
      // Impersonation: start, drain and close in the same security context.
      try (Impersonation asAuditor = SecurityContext.impersonate(Identity.of("CORP\\auditor"));
          MiOperation audit = session.enumerateInstances("root/security", "Audit_LogonEvent")) {
        System.out.println(audit.drainInstances().size() + " audit records");
      }
    }
  }
}
