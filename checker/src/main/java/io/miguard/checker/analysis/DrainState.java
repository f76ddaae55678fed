package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import com.sun.source.tree.Tree;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Element;
import org.jspecify.annotations.Nullable;

/**
 * Whether an operation's final result has been retrieved, on the paths that reach a program point:
 * on all of them ({@link Kind#YES}), on none ({@link Kind#NO}), or on some but not all ({@link
 * Kind#MAYBE_NOT}, with a witness: the last source step of an undrained path where it joined a
 * drained one).
 *
 * <p>A state that is not {@link Kind#YES} may carry {@linkplain Guard guards}: boolean locals whose
 * value is the same constant on every undrained path ({@code boolean more = true; while (more)}:
 * the paths that have not retrieved anything yet have {@code more == true}). On the edge where such
 * a local has the other value, those paths do not exist, and the state is {@link Kind#YES}. A guard
 * lasts until its local is assigned again.
 */
public final class DrainState {
  /** The three values of the drained dimension. */
  public enum Kind {
    YES,
    NO,
    MAYBE_NOT
  }

  /** A boolean local that has {@code value} on every path on which the state is not drained. */
  record Guard(Element local, boolean value) {}

  static final DrainState YES = new DrainState(Kind.YES, null, ImmutableSet.of());
  static final DrainState NO = new DrainState(Kind.NO, null, ImmutableSet.of());

  private final Kind kind;
  private final @Nullable Tree witness;
  private final ImmutableSet<Guard> guards;

  private DrainState(Kind kind, @Nullable Tree witness, ImmutableSet<Guard> guards) {
    this.kind = kind;
    this.witness = witness;
    this.guards = guards;
  }

  static DrainState maybeNot(@Nullable Tree witness) {
    return new DrainState(Kind.MAYBE_NOT, witness, ImmutableSet.of());
  }

  /** Which of the three values this is. */
  public Kind kind() {
    return kind;
  }

  /** Whether every path reaching here drained the operation. */
  public boolean isDrained() {
    return kind == Kind.YES;
  }

  /**
   * For {@link Kind#MAYBE_NOT}: the last source step of an undrained path before it joined a
   * drained one (a {@code break}'s condition, a {@code return}, the call that threw), if known.
   */
  public @Nullable Tree witness() {
    return witness;
  }

  /**
   * The join of two paths' states; {@code thisLast} and {@code otherLast} are the last source steps
   * of the two paths, one of which becomes the witness when only one side is drained.
   */
  DrainState join(DrainState other, @Nullable Tree thisLast, @Nullable Tree otherLast) {
    if (equals(other)) {
      return this;
    }
    if (kind == Kind.YES && other.kind == Kind.NO) {
      return maybeNot(otherLast);
    }
    if (kind == Kind.NO && other.kind == Kind.YES) {
      return maybeNot(thisLast);
    }
    if (kind == Kind.MAYBE_NOT && other.kind == Kind.MAYBE_NOT) {
      return maybeNot(Positions.earlier(witness, other.witness));
    }
    return kind == Kind.MAYBE_NOT ? this : other;
  }

  /**
   * {@link #join} where each side's store holds the boolean constants {@code thisConstants} and
   * {@code otherConstants}: the undrained paths of the result keep the guards both sides' undrained
   * paths have.
   */
  DrainState join(
      DrainState other,
      @Nullable Tree thisLast,
      @Nullable Tree otherLast,
      Set<Guard> thisConstants,
      Set<Guard> otherConstants) {
    DrainState joined = join(other, thisLast, otherLast);
    if (joined.kind == Kind.YES) {
      return joined;
    }
    Set<Guard> guards;
    if (kind == Kind.YES) {
      guards = Sets.union(other.guards, otherConstants);
    } else if (other.kind == Kind.YES) {
      guards = Sets.union(this.guards, thisConstants);
    } else {
      guards =
          Sets.intersection(
              Sets.union(this.guards, thisConstants), Sets.union(other.guards, otherConstants));
    }
    return joined.withGuards(ImmutableSet.copyOf(guards));
  }

  private DrainState withGuards(ImmutableSet<Guard> newGuards) {
    return newGuards.equals(guards) ? this : new DrainState(kind, witness, newGuards);
  }

  /** This state where {@code local} has just been assigned: its guards end. */
  DrainState withoutGuardsOn(Element local) {
    if (guards.isEmpty()) {
      return this;
    }
    return withGuards(
        guards.stream()
            .filter(g -> !g.local().equals(local))
            .collect(ImmutableSet.toImmutableSet()));
  }

  /** This state on the edge where {@code local} has {@code value}. */
  DrainState assumingLocal(Element local, boolean value) {
    return guards.contains(new Guard(local, !value)) ? YES : this;
  }

  boolean hasGuards() {
    return !guards.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DrainState d
        && d.kind == kind
        && d.witness == witness
        && d.guards.equals(guards);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, System.identityHashCode(witness), guards);
  }

  @Override
  public String toString() {
    return kind == Kind.MAYBE_NOT ? "MAYBE_NOT@" + Positions.start(witness) : kind.name();
  }
}
