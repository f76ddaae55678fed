/**
 * miguard's Error Prone checks. Each extends {@link io.miguard.checker.OperationBodyChecker}, which
 * finds the bodies (methods, constructors, lambdas, initializers), gets each body's one analysis
 * from the shared engine ({@link io.miguard.checker.analysis.UnitAnalysis}), keeps a failure from
 * crashing the compilation, and reports every finding through one place (diagnostic and SARIF): the
 * checks only decide what to report. {@code MiCloseBeforeDrain} and {@code
 * MiCloseInDifferentContext} judge closes of operations; {@code MiOperationNotClosed}, {@code
 * MiRetrievalOnAsyncOperation}, {@code MiResultUsedAfterRetrieval} and {@code MiCloseInCallback}
 * the rest of MI's operation protocol.
 */
package io.miguard.checker;
