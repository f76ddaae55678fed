/**
 * The engine both miguard checks share: a flow-sensitive dataflow analysis of each body (method,
 * constructor, lambda, initializer) over the Checker Framework's control-flow graph, computed once
 * per body whatever the checks' options ({@link io.miguard.checker.analysis.UnitAnalysis}), and
 * read by each check at report time.
 *
 * <p>What a body does to operations comes from the {@code io.miguard.annotations} vocabulary
 * ({@link io.miguard.checker.analysis.ProtocolModel}); the state at each point is an {@code
 * OperationStore}; the result is a {@link io.miguard.checker.analysis.BodyAnalysis} whose {@link
 * io.miguard.checker.analysis.CloseEvent}s say what holds on every path to each close.
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
