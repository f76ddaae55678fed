package io.miguard.samples.bad;

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

  /** Mistake: the early return leaves the operation open, and the session close then hangs. */
  public int services(boolean includeStopped) {
    MiOperation services = session.enumerateInstances(CIMV2, "Win32_Service"); // miguard: MiOperationNotClosed
    List<MiInstance> all = services.drainInstances();
    if (includeStopped) {
      return all.size();
    }
    services.close();
    int running = 0;
    for (MiInstance service : all) {
      if ("Running".equals(service.get("State"))) {
        running++;
      }
    }
    return running;
  }
}
