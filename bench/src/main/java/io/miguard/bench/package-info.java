/**
 * The benchmark (README, "Performance"): real and generated code compiled with javac alone, with
 * Error Prone, and with Error Prone and miguard, in warm worker JVMs and in fresh processes; the
 * scaling of the checks' time with method size, nesting and live operations; a verdict for each
 * performance target ({@link io.miguard.bench.Targets}); and, for profiling, {@link
 * io.miguard.bench.ProfileRun}.
 */
package io.miguard.bench;
