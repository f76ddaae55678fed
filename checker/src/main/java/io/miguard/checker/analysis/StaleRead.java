package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;

/**
 * A read of a borrowed object ({@code @BorrowedResult}) after a retrieval from its operation or the
 * operation's close released it, on every path that reaches the read or on some.
 *
 * @param tree the expression read: the receiver of a call, or an argument
 * @param staleness how, and by which call, the object was released
 */
public record StaleRead(Tree tree, Staleness staleness) {}
