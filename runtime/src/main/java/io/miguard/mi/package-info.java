/**
 * A Java binding of the Windows Management Infrastructure client API ({@code mi.h}): {@link
 * io.miguard.mi.MiApplication} opens {@link io.miguard.mi.MiSession}s, whose methods start {@link
 * io.miguard.mi.MiOperation}s, synchronous (results pulled with the retrieval methods) or
 * asynchronous (results pushed to {@link io.miguard.mi.MiOperationCallbacks}).
 *
 * <p>The binding behaves like MI, loudly: where native MI would hang, deadlock or read freed
 * memory, it throws {@link io.miguard.mi.MiException} naming the operation and the rule (the rules
 * are numbered as in miguard's MI reference):
 *
 * <ul>
 *   <li>rule 1: closing a synchronous operation before its final result was retrieved ({@link
 *       io.miguard.mi.MiResult#FAILED}); the operation stays open;
 *   <li>rule 3: a retrieval on an asynchronous operation ({@link
 *       io.miguard.mi.MiResult#INVALID_PARAMETER});
 *   <li>rule 5: reading a result's instance, class or completion details after the next retrieval
 *       from its operation or its close, or after its callback returned ({@link
 *       io.miguard.mi.MiResult#FAILED}); see {@link io.miguard.mi.MiInstance} on owned and borrowed
 *       instances;
 *   <li>rule 6: closing, cancelling, retrieving or acknowledging in another security context than
 *       the one that started the operation ({@link io.miguard.mi.MiResult#ACCESS_DENIED});
 *   <li>rule 7: closing a session with operations open, or closing a session or the application
 *       from inside a callback ({@link io.miguard.mi.MiResult#FAILED}); nothing is closed.
 * </ul>
 *
 * <p>{@link io.miguard.mi.MiApplication#close()} is the one shutdown that closes everything it owns
 * and never hangs. The methods carry the annotations of {@code io.miguard.annotations}, through
 * which miguard's checks find the same mistakes at compile time.
 */
package io.miguard.mi;
