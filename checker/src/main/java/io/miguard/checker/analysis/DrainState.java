package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether an operation's final result has been retrieved, on the paths that reach a program point:
 * on all of them ({@link Kind#YES}), on none ({@link Kind#NO}), or on some but not all ({@link
 * Kind#MAYBE_NOT}, with a witness: the last source step of an undrained path where it joined a
 * drained one).
 */
public final class DrainState {
  /** The three values of the drained dimension. */
  public enum Kind {
    YES,
    NO,
    MAYBE_NOT
  }

  static final DrainState YES = new DrainState(Kind.YES, null);
  static final DrainState NO = new DrainState(Kind.NO, null);

  private final Kind kind;
  private final @Nullable Tree witness;

  private DrainState(Kind kind, @Nullable Tree witness) {
    this.kind = kind;
    this.witness = witness;
  }

  static DrainState maybeNot(@Nullable Tree witness) {
    return new DrainState(Kind.MAYBE_NOT, witness);
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

  @Override
  public boolean equals(Object o) {
    return o instanceof DrainState d && d.kind == kind && d.witness == witness;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, System.identityHashCode(witness));
  }

  @Override
  public String toString() {
    return kind == Kind.MAYBE_NOT ? "MAYBE_NOT@" + Positions.start(witness) : kind.name();
  }
}
