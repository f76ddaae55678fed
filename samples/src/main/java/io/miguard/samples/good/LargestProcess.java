package io.miguard.samples.good;

import static io.miguard.samples.Inventory.CIMV2;

import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/** Finds the process with the largest working set. */
public final class LargestProcess {
  private final MiSession session;

  public LargestProcess(MiSession session) {
    this.session = session;
  }

  /** Keeps a copy of the largest instance: the copy outlives the next retrieval and the close. */
  public String largest() {
    MiInstance largest = null;
    try (MiOperation processes = session.enumerateInstances(CIMV2, "Win32_Process")) {
      InstanceResult result;
      do {
        result = processes.getInstance();
        MiInstance process = result.instance();
        if (process != null && (largest == null || workingSet(process) > workingSet(largest))) {
          largest = process.cloneInstance();
        }
      } while (result.moreResults());
    }
    return largest == null ? "<none>" : String.valueOf(largest.get("Name"));
  }

  private static long workingSet(MiInstance process) {
    Object size = process.get("WorkingSetSize");
    return size instanceof Number number ? number.longValue() : 0;
  }
}
