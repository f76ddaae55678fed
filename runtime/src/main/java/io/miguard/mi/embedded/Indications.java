package io.miguard.mi.embedded;

import io.miguard.mi.MiInstance;
import java.time.Instant;

/** Builds the intrinsic event instance (the indication) that reports a repository change. */
final class Indications {
  /** 100-nanosecond intervals between 1601-01-01 (the Windows FILETIME epoch) and 1970-01-01. */
  private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;

  private Indications() {}

  /**
   * The indication: an instance of {@code __InstanceCreationEvent}, {@code __InstanceDeletionEvent}
   * or {@code __InstanceModificationEvent} with {@code TargetInstance} (the new instance, or the
   * deleted one), {@code PreviousInstance} for a modification, and {@code TIME_CREATED} as WMI
   * gives it: 100-nanosecond intervals since 1601-01-01 UTC.
   */
  static MiInstance of(RepositoryChange change) {
    MiInstance.Builder builder =
        MiInstance.builder(change.kind().eventClass())
            .namespace(change.namespace())
            .property(SystemClasses.TIME_CREATED, fileTime(change.time()));
    if (change.kind() == RepositoryChange.Kind.MODIFIED) {
      builder.property(SystemClasses.PREVIOUS_INSTANCE, change.previous());
    }
    return builder.property(SystemClasses.TARGET_INSTANCE, change.target()).build();
  }

  static long fileTime(Instant time) {
    return FILETIME_EPOCH_OFFSET + time.getEpochSecond() * 10_000_000L + time.getNano() / 100;
  }
}
