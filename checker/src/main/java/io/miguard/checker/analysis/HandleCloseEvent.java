package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.Tree;

/**
 * A close of a session ({@code @ClosesSession}) or of the application ({@code @ClosesApplication})
 * in a body, explicit or at the end of a try-with-resources.
 *
 * @param reportTree the close call, or the resource for an implicit close
 * @param name the closed handle as the source names it
 * @param openOperations for a session that the analysis can name: the operations this body started
 *     on it and still holds (not escaped, not captured) that are open on some normal path to the
 *     close
 */
public record HandleCloseEvent(
    Role role, Tree reportTree, String name, ImmutableList<OperationState> openOperations) {
  /** What is closed. */
  public enum Role {
    SESSION,
    APPLICATION
  }
}
