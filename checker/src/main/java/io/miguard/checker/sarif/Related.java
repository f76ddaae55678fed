package io.miguard.checker.sarif;

import com.sun.source.tree.Tree;

/**
 * A place in the source that a finding refers to besides its own position: the line through which
 * an undrained path reaches a close, where the operation was started. It becomes a SARIF {@code
 * relatedLocation}.
 *
 * @param tree the tree, in the compilation unit of the finding
 * @param message what the place is, as a sentence
 */
public record Related(Tree tree, String message) {}
