package io.miguard.samples.bad;

import static io.miguard.samples.Inventory.CIMV2;
import static io.miguard.samples.Inventory.WQL;

import io.miguard.mi.CancellationReason;
import io.miguard.mi.IndicationResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/** Watches process creation. */
public final class ProcessWatcher {
  private static final String PROCESS_CREATED =
      "SELECT * FROM __InstanceCreationEvent WITHIN 1 WHERE TargetInstance ISA 'Win32_Process'";

  private final MiSession session;

  public ProcessWatcher(MiSession session) {
    this.session = session;
  }

  /**
   * Mistakes: cancel does not drain, so the subscription is closed before its final result; and the
   * event's instance, released by that close, is read after it.
   */
  public String startAndWatch(String commandLine) {
    MiOperation created = session.subscribe(CIMV2, WQL, PROCESS_CREATED);
    new io.miguard.samples.good.ProcessWatcher(session).startProcess(commandLine);
    IndicationResult event = created.getIndication();
    created.cancel(CancellationReason.NONE);
    created.close(); // miguard: MiCloseBeforeDrain
    MiInstance process =
        event.instance() == null ? null : (MiInstance) event.instance().get("TargetInstance"); // miguard: MiResultUsedAfterRetrieval
    return process == null ? "<none>" : (String) process.get("Name");
  }
}
