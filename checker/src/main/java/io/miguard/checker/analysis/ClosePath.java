package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * What holds at one copy of a close in the control-flow graph (see {@link CloseEvent}).
 *
 * @param operation the state of the closed operation (joined, when the closed expression may be one
 *     of several operations), or null if the expression is not one the analysis tracks
 * @param context the security context at the close
 * @param exceptional whether the checks follow this path only with their {@code
 *     ExceptionalPaths=true} option (see {@link ExceptionalEdges}): an exception from a call
 *     unwinds through the close and out of the body, or the path went through a handler that caught
 *     an exception the rule does not follow
 * @param lastStep the last source step before the close on these paths (for a close reached by a
 *     {@code return} through a {@code finally}, the {@code return}), or null
 */
public record ClosePath(
    @Nullable OperationState operation,
    ContextStack context,
    boolean exceptional,
    @Nullable Tree lastStep) {}
