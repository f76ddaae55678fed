package io.miguard.samples.good;

import static io.miguard.samples.Inventory.CIMV2;

import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import java.util.ArrayList;
import java.util.List;

/** Lists processes. */
public final class ProcessMonitor {
  private final MiSession session;

  public ProcessMonitor(MiSession session) {
    this.session = session;
  }

  /** Started without callbacks, the operation is synchronous: the caller retrieves its results. */
  public List<String> processNames() {
    List<String> names = new ArrayList<>();
    try (MiOperation processes = session.enumerateInstances(CIMV2, "Win32_Process")) {
      for (MiInstance process : processes.instances()) {
        names.add((String) process.get("Name"));
      }
    }
    return names;
  }
}
