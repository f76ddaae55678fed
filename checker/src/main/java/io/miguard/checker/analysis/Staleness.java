package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * Whether a borrowed object ({@code @BorrowedResult}) was released, on the paths that reach a
 * program point: by a later retrieval from its operation, or the operation's close (MI rule 5).
 *
 * @param kind released on all paths, on none, or on some
 * @param releasedBy the earliest releasing call (a retrieval or a close) on a path that released it
 */
public record Staleness(Kind kind, @Nullable Tree releasedBy) {
  /** The three values. */
  public enum Kind {
    FRESH,
    RELEASED,
    MAYBE_RELEASED
  }

  static final Staleness FRESH = new Staleness(Kind.FRESH, null);

  /** Released on every path that reaches here (or some), so that a read of it is reported. */
  public boolean released() {
    return kind != Kind.FRESH;
  }

  /** Released by {@code release} on this path (unless it already was). */
  Staleness releaseBy(Tree release) {
    return kind == Kind.RELEASED ? this : new Staleness(Kind.RELEASED, orElse(releasedBy, release));
  }

  /** The join of two paths. */
  Staleness join(Staleness other) {
    if (equals(other)) {
      return this;
    }
    Tree witness = Positions.earlier(releasedBy, other.releasedBy);
    Kind joined = kind == other.kind ? kind : Kind.MAYBE_RELEASED;
    return joined == Kind.FRESH ? FRESH : new Staleness(joined, witness);
  }

  private static Tree orElse(@Nullable Tree tree, Tree dflt) {
    return tree != null ? tree : dflt;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Staleness s && s.kind == kind && s.releasedBy == releasedBy;
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + System.identityHashCode(releasedBy);
  }
}
