package io.miguard.samples.good;

import static io.miguard.samples.Inventory.CIMV2;
import static io.miguard.samples.Inventory.WQL;

import io.miguard.annotations.DrainsResults;
import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reports local fixed disks and their free space. */
public final class DiskReport {
  private final MiSession session;

  public DiskReport(MiSession session) {
    this.session = session;
  }

  /** The local fixed disks (DriveType 3). */
  public List<MiInstance> fixedDisks() {
    try (MiOperation disks =
        session.queryInstances(
            CIMV2,
            WQL,
            "SELECT DeviceID, FreeSpace, Size FROM Win32_LogicalDisk WHERE DriveType = 3")) {
      return readAll(disks);
    }
  }

  /** The first fixed disk, after reading every result; null if there is none. */
  public @Nullable MiInstance systemDisk() {
    List<MiInstance> disks = fixedDisks();
    return disks.isEmpty() ? null : disks.get(0);
  }

  /** Total free bytes on fixed disks; disks whose size is not a number are skipped. */
  public long totalFreeSpace() {
    long total = 0;
    for (MiInstance disk : fixedDisks()) {
      try {
        total += Long.parseLong(String.valueOf(disk.get("FreeSpace")));
      } catch (NumberFormatException notANumber) {
        // A disk that does not report its free space counts as full.
      }
    }
    return total;
  }

  /** Reads every result of an operation, keeping clones of the instances. */
  static List<MiInstance> readAll(@DrainsResults MiOperation operation) {
    List<MiInstance> all = new ArrayList<>();
    InstanceResult result;
    do {
      result = operation.getInstance();
      if (result.instance() != null) {
        all.add(result.instance().cloneInstance());
      }
    } while (result.moreResults());
    return all;
  }
}
