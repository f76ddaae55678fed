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
 */
package io.miguard.checker.analysis;
