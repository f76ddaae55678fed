package io.miguard.samples.good;

import static io.miguard.samples.Inventory.CIMV2;

import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import java.util.List;

/** Counts services. */
public final class ServiceCount {
  private final MiSession session;

  public ServiceCount(MiSession session) {
    this.session = session;
  }

  /** The operation is closed on every path: try-with-resources. */
  public int services(boolean includeStopped) {
    List<MiInstance> all;
    try (MiOperation services = session.enumerateInstances(CIMV2, "Win32_Service")) {
      all = services.drainInstances();
    }
    if (includeStopped) {
      return all.size();
    }
    int running = 0;
    for (MiInstance service : all) {
      if ("Running".equals(service.get("State"))) {
        running++;
      }
    }
    return running;
  }
}
