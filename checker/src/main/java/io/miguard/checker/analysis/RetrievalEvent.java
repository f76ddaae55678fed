package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * A retrieval from an operation in a body: a {@code @RetrievesResult} call, a drain
 * ({@code @DrainsResults} on the receiver or a parameter), or a {@code @DrainedByIteration} call.
 *
 * @param tree the call
 * @param operation the join of the states of the operations the receiver (or argument) may be, over
 *     the paths that reach the call; null if none is known
 */
public record RetrievalEvent(Tree tree, @Nullable OperationState operation) {}
