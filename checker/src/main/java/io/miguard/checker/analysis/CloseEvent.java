package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.Tree;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One close of an operation in a body, with what holds on every path that reaches it.
 *
 * <p>A close in a {@code finally} block, and the implicit close of a try-with-resources, appear in
 * the control-flow graph once per way of leaving the {@code try} (normally, by {@code return},
 * {@code break}, {@code continue}, by an exception): each copy contributes one {@link ClosePath}.
 */
public final class CloseEvent {
  /** How the close is written. */
  public enum Kind {
    /** A call of a {@code @ClosesOperation} method on the operation: {@code op.close()}. */
    EXPLICIT,
    /** The implicit close at the end of a try-with-resources. */
    TRY_WITH_RESOURCES,
    /** A call that passes the operation to a {@code @ClosesOperation} parameter. */
    CLOSING_PARAMETER,
    /** A method reference to a {@code @ClosesOperation} method: {@code op::close}. */
    METHOD_REFERENCE
  }

  private final Kind kind;
  private final Tree reportTree;
  private final String operationName;
  private final ImmutableList<ClosePath> paths;

  CloseEvent(Kind kind, Tree reportTree, String operationName, List<ClosePath> paths) {
    this.kind = kind;
    this.reportTree = reportTree;
    this.operationName = operationName;
    this.paths = ImmutableList.copyOf(paths);
  }

  /** How the close is written. */
  public Kind kind() {
    return kind;
  }

  /**
   * Where a diagnostic about this close belongs: the close call (for {@link Kind#EXPLICIT} and
   * {@link Kind#CLOSING_PARAMETER}), the resource declaration or expression (for {@link
   * Kind#TRY_WITH_RESOURCES}), the method reference.
   */
  public Tree reportTree() {
    return reportTree;
  }

  /** The operation as the source names it: the variable, or the receiver expression's text. */
  public String operationName() {
    return operationName;
  }

  /** What holds on the paths that reach the close, one entry per copy of the close in the CFG. */
  public ImmutableList<ClosePath> paths() {
    return paths;
  }

  /**
   * The paths the checks follow by default (not {@linkplain ClosePath#exceptional() exceptional}).
   */
  public ImmutableList<ClosePath> normalPaths() {
    return paths.stream().filter(p -> !p.exceptional()).collect(ImmutableList.toImmutableList());
  }

  /**
   * The paths a check reads: all of them if {@code includeExceptional} (its {@code
   * ExceptionalPaths=true} option), else those followed by default.
   */
  public ImmutableList<ClosePath> paths(boolean includeExceptional) {
    return includeExceptional ? paths : normalPaths();
  }

  /**
   * The join of the operation's state over the normal paths (all paths if {@code
   * includeExceptional}), or null when the analysis knows no state (unreachable close).
   */
  public @Nullable OperationState state(boolean includeExceptional) {
    OperationState result = null;
    for (ClosePath path : paths) {
      if ((includeExceptional || !path.exceptional()) && path.operation() != null) {
        result =
            result == null
                ? path.operation()
                : result.join(path.operation(), null, path.lastStep());
      }
    }
    return result;
  }

  /** The join of the security context over the normal paths (all if {@code includeExceptional}). */
  public @Nullable ContextStack context(boolean includeExceptional) {
    ContextStack result = null;
    for (ClosePath path : paths) {
      if (includeExceptional || !path.exceptional()) {
        result = result == null ? path.context() : result.join(path.context());
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return kind + " " + operationName + " " + paths;
  }
}
