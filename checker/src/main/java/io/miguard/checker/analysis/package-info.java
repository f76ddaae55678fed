/**
 * The engine every check reads: one forward dataflow analysis per body ({@link
 * io.miguard.checker.analysis.UnitAnalysis}, over Checker Framework dataflow) whose store follows,
 * for each operation, where it came from, whether it is drained, cancelled, closed, escaped or
 * captured, which session it was started on and in which security context; for each local, the
 * operation, result, flag, scope or borrowed object it holds (and whether that object was
 * released). Protocol roles come only from the annotation vocabulary and models ({@link
 * io.miguard.checker.analysis.ProtocolModel}). What the checks report on is exposed per body by
 * {@link io.miguard.checker.analysis.BodyAnalysis}: close events, retrievals, stale reads of
 * borrowed objects, session and application closes, and the operations left open at normal exit.
 *
 * <p>Each body is analysed once, whatever the checks' options (each check filters the paths it
 * reports at report time); a body of more than a set number of top-level statements is analysed in
 * chunks, each entered with the store where the last ended ({@code StatementChunking}).
 *
 * <h2>Proofs without a graph</h2>
 *
 * <p>Most correct MI code has one shape: an operation started synchronously, drained before
 * anything else can happen to it (a drain call, a {@code do}-loop until {@code moreResults()} is
 * false, a for-each over a draining iterable), then closed by its try-with-resources, by an
 * explicit close later in the same block, or by one first thing in the {@code finally} of a {@code
 * try} (without handlers) whose block drains it. Before a check asks for the analysis of a body,
 * {@code GraphFreeProof} tries to prove, from the tree alone, that every operation of the body has
 * that shape (and that no session is closed, no exception of an operation's life is caught in the
 * body, no security context changes during it): such a body has nothing to report on the paths the
 * checks follow by default, and no graph is built for it. The proof errs only towards the graph:
 * anything it does not recognise sends the body to the full analysis, which decides the findings; a
 * check that reports exceptional-only paths ({@code ExceptionalPaths=true}) never asks for it, a
 * body whose summary another body needs is analysed anyway, and {@code
 * -XepOpt:Miguard:GraphFreeProofs=false} turns it off. The ground-truth generator writes these
 * shapes and their near misses, so both ways of deciding a body are held to the same truth.
 *
 * <h2>Conditions and identities</h2>
 *
 * <p>A boolean value is a {@code Condition}: a formula over result facts ({@code moreResults()},
 * {@code @ReportsDrained} queries) with {@code !}, {@code &&}, {@code ||}, ternaries, flags in
 * locals and same-file predicates. A branch drains an operation only where its formula, given the
 * branch's value, proves that no result is pending, on every way Java's short circuits evaluate it
 * to that value; a value that is only stored learns "more results follow" where it is tested. A
 * boolean local holds at a loop's head every value the loop gives it (a local the analysis knows
 * nothing about is stored as unknown, never dropped). Each local holds one operation at a point: a
 * start site that runs again retires its previous operation to the site's older ones, and a
 * declaration that runs again (a loop's variable) makes a new variable, so an identity held in an
 * earlier iteration is not the current one. Code that may run later (a stored or returned lambda, a
 * local or anonymous class) starts in a context of its own, not its creator's.
 *
 * <h2>Which way it errs</h2>
 *
 * <p>Towards silence: an operation that escapes to code the analysis cannot see (returned, stored,
 * passed to an unknown method, captured) is not judged by the checks that need its whole life, and
 * a fact the formulas cannot decide is not taken as a proof of a mistake.
 *
 * <h2>Exceptional edges</h2>
 *
 * <p>Which exceptional edges the checks follow by default is one rule ({@code ExceptionalEdges}):
 * an exception is followed into a {@code catch} of the same body when it comes from a {@code throw}
 * statement (followed everywhere, also out of the body), when the called method declares it
 * (checked or not: the binding declares {@code throws MiException}), or when it is undeclared and
 * unchecked (or implicit: array access, integer division or remainder, cast, {@code assert}, a
 * field written through another receiver) and the handler is narrower than {@code RuntimeException}
 * and {@code Error}. For example, with {@code catch (NumberFormatException e)} around a
 * try-with-resources whose body calls {@code Long.parseLong}, the implicit close that runs on the
 * way to the handler is on a followed path. Everything else — an undeclared exception that only a
 * catch-all ({@code Exception}, {@code RuntimeException}, {@code Throwable}, {@code Error})
 * catches, and whatever runs after that handler; an exception from a call that leaves the body — is
 * exceptional only: each close records such paths as {@linkplain
 * io.miguard.checker.analysis.ClosePath#exceptional() exceptional}, and a check reports them only
 * with its {@code ExceptionalPaths=true} flag. A method of the binding throws only what it
 * declares: its other exceptions are no path at all.
 */
package io.miguard.checker.analysis;
