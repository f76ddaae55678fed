package io.miguard.samples.bad;

import static io.miguard.samples.Inventory.CIMV2;
import static io.miguard.samples.Inventory.WQL;

import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import java.util.Optional;

/** Finds a process by name, and returns as soon as it has it. */
public final class ProcessInventory {
  private final MiSession session;

  public ProcessInventory(MiSession session) {
    this.session = session;
  }

  /** Mistake: the early return closes the query (try-with-resources) before its final result. */
  public Optional<Long> findProcessId(String name) {
    try (MiOperation processes = // miguard: MiCloseBeforeDrain
        session.queryInstances(CIMV2, WQL, "SELECT Name, ProcessId FROM Win32_Process")) {
      InstanceResult result;
      do {
        result = processes.getInstance();
        MiInstance process = result.instance();
        if (process != null && name.equalsIgnoreCase((String) process.get("Name"))) {
          return Optional.of((Long) process.get("ProcessId"));
        }
      } while (result.moreResults());
    }
    return Optional.empty();
  }
}
