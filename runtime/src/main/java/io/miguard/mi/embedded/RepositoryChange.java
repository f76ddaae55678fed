package io.miguard.mi.embedded;

import io.miguard.mi.MiInstance;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One change of the repository, as listeners (and so subscriptions) see it.
 *
 * @param kind what happened
 * @param namespace the namespace of the instance, as the repository spells it
 * @param previous the instance before the change (null for a creation)
 * @param current the instance after the change (null for a deletion)
 * @param sequence the change's number: changes are numbered 1, 2, 3, ... in the order they happen
 * @param time when the change happened
 */
public record RepositoryChange(
    Kind kind,
    String namespace,
    @Nullable MiInstance previous,
    @Nullable MiInstance current,
    long sequence,
    Instant time) {
  public RepositoryChange {
    if (previous == null && current == null) {
      throw new IllegalArgumentException("a change needs the instance before or after it");
    }
  }

  /** The kinds of change, each matching one intrinsic event class. */
  public enum Kind {
    CREATED("__InstanceCreationEvent"),
    MODIFIED("__InstanceModificationEvent"),
    DELETED("__InstanceDeletionEvent");

    private final String eventClass;

    Kind(String eventClass) {
      this.eventClass = eventClass;
    }

    /** The intrinsic event class that reports this kind of change. */
    public String eventClass() {
      return eventClass;
    }
  }

  /** The instance the change is about: the new one, or for a deletion the deleted one. */
  public MiInstance target() {
    // The constructor refuses a change with neither.
    return current != null ? current : Objects.requireNonNull(previous);
  }
}
