package io.miguard.samples.good;

import static io.miguard.samples.Inventory.CIMV2;
import static io.miguard.samples.Inventory.WQL;

import io.miguard.mi.CancellationReason;
import io.miguard.mi.IndicationResult;
import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/** Watches process creation while it starts a process through Win32_Process.Create. */
public final class ProcessWatcher {
  private static final String PROCESS_CREATED =
      "SELECT * FROM __InstanceCreationEvent WITHIN 1 WHERE TargetInstance ISA 'Win32_Process'";

  private final MiSession session;

  public ProcessWatcher(MiSession session) {
    this.session = session;
  }

  /** Starts the command line and returns the name of the process the subscription saw. */
  public String startAndWatch(String commandLine) {
    MiOperation created = session.subscribe(CIMV2, WQL, PROCESS_CREATED);
    try {
      startProcess(commandLine);
      IndicationResult event = created.getIndication();
      MiInstance process =
          event.instance() == null ? null : (MiInstance) event.instance().get("TargetInstance");
      return process == null ? "<none>" : String.valueOf(process.get("Name"));
    } finally {
      // A subscription never ends by itself: cancel it, then read on to its final result.
      created.cancel(CancellationReason.NONE);
      IndicationResult last;
      do {
        last = created.getIndication();
      } while (last.moreResults());
      created.close();
    }
  }

  /** Calls the static method Win32_Process.Create; returns its ReturnValue. */
  public long startProcess(String commandLine) {
    MiInstance parameters =
        MiInstance.builder("__Parameters").property("CommandLine", commandLine).build();
    try (MiOperation create = session.invoke(CIMV2, "Win32_Process", "Create", null, parameters)) {
      InstanceResult result = create.getInstance();
      MiInstance out = result.instance();
      return out != null && out.get("ReturnValue") instanceof Long value ? value : -1;
    }
  }
}
