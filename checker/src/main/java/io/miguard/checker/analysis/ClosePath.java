package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * What holds at one copy of a close in the control-flow graph (see {@link CloseEvent}).
 *
 * @param operation the state of the closed operation (joined, when the closed expression may be one
 *     of several operations), or null if the expression is not one the analysis tracks
 * @param context the security context at the close
 * @param exceptional whether this copy runs while an exception that no catch of the body has caught
 *     unwinds through it (the {@code finally} or implicit close on the way out of the body)
 * @param lastStep the last source step before the close on these paths (for a close reached by a
 *     {@code return} through a {@code finally}, the {@code return}), or null
 */
public record ClosePath(
    @Nullable OperationState operation,
    ContextStack context,
    boolean exceptional,
    @Nullable Tree lastStep) {}
