package io.miguard.samples.bad;

import static io.miguard.samples.Inventory.CIMV2;
import static io.miguard.samples.Inventory.WQL;

import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/** Reports disks. */
public final class DiskReport {
  private final MiSession session;

  public DiskReport(MiSession session) {
    this.session = session;
  }

  /** Mistake: the helper reads only the first result of a multi-result query. */
  public MiInstance systemDisk() {
    MiOperation disks =
        session.queryInstances(CIMV2, WQL, "SELECT * FROM Win32_LogicalDisk WHERE DriveType = 3");
    MiInstance first = firstInstance(disks);
    disks.close(); // miguard: MiCloseBeforeDrain
    return first;
  }

  /**
   * Mistake: an exception from the parsing is caught, and control goes on to the close with the
   * query still undrained.
   */
  public long totalSize() {
    MiOperation disks = session.queryInstances(CIMV2, WQL, "SELECT * FROM Win32_LogicalDisk");
    long total = 0;
    try {
      InstanceResult result;
      do {
        result = disks.getInstance();
        if (result.instance() != null) {
          total += Long.parseLong(String.valueOf(result.instance().get("Size")));
        }
      } while (result.moreResults());
    } catch (NumberFormatException notANumber) {
      System.err.println("a disk without a size: " + notANumber.getMessage());
    }
    disks.close(); // miguard: MiCloseBeforeDrain
    return total;
  }

  private static MiInstance firstInstance(MiOperation operation) {
    MiInstance instance = operation.getInstance().instance();
    return instance == null ? null : instance.cloneInstance();
  }
}
