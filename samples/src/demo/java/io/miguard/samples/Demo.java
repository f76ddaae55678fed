package io.miguard.samples;

import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiSession;
import io.miguard.samples.good.AuditReader;
import io.miguard.samples.good.BackgroundAudit;
import io.miguard.samples.good.DiskReport;
import io.miguard.samples.good.ProcessInventory;
import io.miguard.samples.good.ProcessWatcher;
import io.miguard.samples.good.ServiceDependencies;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the good samples against the embedded backend and prints what they find; then runs two of
 * the bad samples, in a session of their own, to show the runtime binding refusing the same
 * mistakes the checks report, and refusing to close the session they left operations open in (MI
 * rule 7). The application's close at the end shuts down what they left.
 */
public final class Demo {
  private static final String AUDIT_CLASS = "Audit_LogonEvent";

  public static void main(String[] args) throws Exception {
    try (Inventory inventory = Inventory.connect()) {
      runGoodSamples(inventory);
      runBadSamples(inventory);
    }
  }

  private static void runGoodSamples(Inventory inventory) throws Exception {
    System.out.println("== The good samples, against the embedded backend");
    ProcessInventory processes = new ProcessInventory(inventory.session());
    List<String> names = processes.processNames();
    System.out.println(
        "processes: " + names.size() + " " + names.subList(0, Math.min(5, names.size())) + " ...");
    System.out.println(
        "explorer.exe has process id " + processes.findProcessId("explorer.exe").orElse(null));

    ServiceDependencies services = new ServiceDependencies(inventory.session());
    System.out.println(
        "LanmanWorkstation depends on " + services.dependenciesOf("LanmanWorkstation"));

    DiskReport disks = new DiskReport(inventory.session());
    for (MiInstance disk : disks.fixedDisks()) {
      System.out.println(
          "disk "
              + disk.get("DeviceID")
              + " free "
              + disk.get("FreeSpace")
              + " of "
              + disk.get("Size"));
    }

    ProcessWatcher watcher = new ProcessWatcher(inventory.session());
    System.out.println(
        "the subscription saw a new process: " + watcher.startAndWatch("notepad.exe report.txt"));

    AuditReader audit = new AuditReader(inventory.session());
    System.out.println(
        "audit records read as "
            + AuditReader.AUDITOR.name()
            + ": "
            + audit.auditRecords(AUDIT_CLASS).size());

    ExecutorService workers = Executors.newSingleThreadExecutor();
    try {
      int count =
          new BackgroundAudit(inventory.session(), workers)
              .countInBackground(AuditReader.AUDITOR, AUDIT_CLASS)
              .get(30, TimeUnit.SECONDS);
      System.out.println("audit records counted on a worker thread: " + count);
    } finally {
      workers.shutdownNow();
    }
  }

  private static void runBadSamples(Inventory inventory) {
    System.out.println();
    System.out.println("== Bad samples: the runtime binding refuses what the checks report");
    MiSession session = inventory.openSession();
    refused(
        "bad.ProcessInventory.findProcessId",
        () -> new io.miguard.samples.bad.ProcessInventory(session).findProcessId("explorer.exe"));
    refused(
        "bad.AuditReader.auditRecords",
        () -> new io.miguard.samples.bad.AuditReader(session).auditRecords(AUDIT_CLASS));
    refused(
        "bad.ProcessMonitor.processNames",
        () -> new io.miguard.samples.bad.ProcessMonitor(session).processNames());
    refused(
        "bad.LargestProcess.largest",
        () -> new io.miguard.samples.bad.LargestProcess(session).largest());
    // They left operations open: native MI would hang closing the session; the binding refuses.
    refused("closing the session they left operations open in", session::close);
  }

  /** Runs one bad sample and prints how the binding refused it. */
  private static void refused(String what, Runnable sample) {
    try {
      sample.run();
      System.out.println(what + ": no error (unexpected)");
    } catch (MiException refused) {
      System.out.println(
          what + " -> MiException " + refused.result() + ": " + refused.errorMessage());
    }
  }
}
