package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableList;
import com.sun.tools.javac.code.Symbol;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The security context at a program point: the stack of context entries, bottom first. Paths that
 * reach a point with different stacks join to the {@linkplain #isConflict() conflict} stack, which
 * says "not known": checks report only what holds on a path.
 */
public final class ContextStack {
  private static final ContextStack CONFLICT = new ContextStack(ImmutableList.of(), true);

  private final ImmutableList<ContextEntry> entries;
  private final boolean conflict;

  private ContextStack(ImmutableList<ContextEntry> entries, boolean conflict) {
    this.entries = entries;
    this.conflict = conflict;
  }

  /** A stack with only its bottom entry. */
  static ContextStack startingWith(ContextEntry bottom) {
    return new ContextStack(ImmutableList.of(bottom), false);
  }

  /** The stack that results from joining paths with different stacks. */
  static ContextStack conflict() {
    return CONFLICT;
  }

  /** The entries, bottom first; empty for the conflict stack. */
  public List<ContextEntry> entries() {
    return entries;
  }

  /** Whether paths with different contexts join here, so that the context is not known. */
  public boolean isConflict() {
    return conflict;
  }

  /** The innermost entry (the one that decides the identity), or null for the conflict stack. */
  public @Nullable ContextEntry top() {
    return entries.isEmpty() ? null : entries.get(entries.size() - 1);
  }

  /** The entry at the bottom: how the body was entered; null for the conflict stack. */
  public @Nullable ContextEntry bottom() {
    return entries.isEmpty() ? null : entries.get(0);
  }

  /** This stack with {@code entry} on top. */
  ContextStack push(ContextEntry entry) {
    if (conflict) {
      return this;
    }
    return new ContextStack(
        ImmutableList.<ContextEntry>builder().addAll(entries).add(entry).build(), false);
  }

  /**
   * This stack without {@code entry} and everything above it: the context after the scope that made
   * {@code entry} is left. Unchanged if {@code entry} is not on the stack (left already).
   */
  ContextStack leave(@Nullable ContextEntry entry) {
    int index = entries.lastIndexOf(entry);
    if (conflict || index <= 0) {
      return this;
    }
    return new ContextStack(entries.subList(0, index), false);
  }

  /** This stack without its top entry, unless the top is the bottom entry. */
  ContextStack leaveInnermost() {
    if (conflict || entries.size() <= 1) {
      return this;
    }
    return new ContextStack(entries.subList(0, entries.size() - 1), false);
  }

  /** This stack with its identities taken as of before {@code variable} is declared again. */
  /** Whether {@link #beforeRedeclaring} changes this stack for some variable. */
  boolean namesCurrentVariable() {
    if (conflict) {
      return false;
    }
    for (ContextEntry entry : entries) {
      if (entry.identity() != null && entry.identity().namesCurrentVariable()) {
        return true;
      }
    }
    return false;
  }

  ContextStack beforeRedeclaring(Symbol variable) {
    if (conflict) {
      return this;
    }
    ImmutableList.Builder<ContextEntry> renamed = ImmutableList.builder();
    boolean changed = false;
    for (ContextEntry entry : entries) {
      ContextEntry after = entry.beforeRedeclaring(variable);
      changed |= after != entry;
      renamed.add(after);
    }
    return changed ? new ContextStack(renamed.build(), false) : this;
  }

  /** The join of two paths' contexts. */
  ContextStack join(ContextStack other) {
    return equals(other) ? this : CONFLICT;
  }

  /** How two contexts compare, as far as the source tells. */
  public enum Comparison {
    SAME,
    DIFFERENT,
    UNKNOWN
  }

  /**
   * Whether this context and {@code other} run as the same identity. Two impersonations or {@code
   * RunsAs} entries of the same known identity are the same; a known identity differs from any
   * bottom entry and from another known identity; two identical stacks are the same; a bottom entry
   * of another thread differs from any context of the enclosing thread. Unknown identities and
   * conflicts compare {@link Comparison#UNKNOWN}.
   */
  public Comparison compareTo(ContextStack other) {
    if (conflict || other.conflict) {
      return Comparison.UNKNOWN;
    }
    if (equals(other)) {
      return Comparison.SAME;
    }
    ContextEntry mine = top();
    ContextEntry theirs = other.top();
    if (mine == null || theirs == null) {
      return Comparison.UNKNOWN;
    }
    IdentityKey a = mine.identity();
    IdentityKey b = theirs.identity();
    if (a != null && b != null) {
      if (a.equals(b)) {
        // Values of one variable from earlier iterations may be from different ones.
        return a.isEarlier() ? Comparison.UNKNOWN : Comparison.SAME;
      }
      return a.isKnown() && b.isKnown() ? Comparison.DIFFERENT : Comparison.UNKNOWN;
    }
    // One side runs as an identity the source names, the other as its entry context.
    if (a != null) {
      return a.isKnown() ? Comparison.DIFFERENT : Comparison.UNKNOWN;
    }
    if (b != null) {
      return b.isKnown() ? Comparison.DIFFERENT : Comparison.UNKNOWN;
    }
    // Two bottom entries, different ones.
    if (mine.kind() == ContextEntry.Kind.OTHER_THREAD
        || theirs.kind() == ContextEntry.Kind.OTHER_THREAD) {
      return Comparison.DIFFERENT;
    }
    return mine.equals(theirs) ? Comparison.SAME : Comparison.UNKNOWN;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContextStack s && s.conflict == conflict && s.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode() * 31 + (conflict ? 1 : 0);
  }

  @Override
  public String toString() {
    return conflict ? "CONFLICT" : entries.toString();
  }
}
