package io.miguard.samples.good;

import static io.miguard.samples.Inventory.CIMV2;
import static io.miguard.samples.Inventory.WQL;

import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lists processes, and finds one by name. */
public final class ProcessInventory {
  private final MiSession session;

  public ProcessInventory(MiSession session) {
    this.session = session;
  }

  /** Every process name, in the order the server lists them. */
  public List<String> processNames() {
    List<String> names = new ArrayList<>();
    try (MiOperation processes = session.enumerateInstances(CIMV2, "Win32_Process")) {
      for (MiInstance process : processes.instances()) {
        names.add((String) process.get("Name"));
      }
    }
    return names;
  }

  /** The id of the first process with the given name: reads on to the final result. */
  public Optional<Long> findProcessId(String name) {
    Long found = null;
    try (MiOperation processes =
        session.queryInstances(CIMV2, WQL, "SELECT Name, ProcessId FROM Win32_Process")) {
      InstanceResult result;
      do {
        result = processes.getInstance();
        MiInstance process = result.instance();
        if (found == null
            && process != null
            && name.equalsIgnoreCase((String) process.get("Name"))) {
          found = (Long) process.get("ProcessId");
        }
      } while (result.moreResults());
    }
    return Optional.ofNullable(found);
  }
}
