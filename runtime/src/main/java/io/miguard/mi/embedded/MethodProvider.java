package io.miguard.mi.embedded;

import io.miguard.mi.MiInstance;

/**
 * The Java implementation of an extrinsic method, registered with {@link
 * EmbeddedBackend#registerMethod}. It runs on a backend thread with no repository lock held, so it
 * may read and change the repository ({@link MethodInvocation#repository()}); changes raise
 * indications like any other.
 *
 * <p>It returns the output parameters, an instance of class {@code __Parameters} holding {@code
 * ReturnValue} and the method's declared output parameters (start from {@link
 * MethodInvocation#outParameters(long)}). To fail the operation itself rather than report a
 * method-specific return value, throw {@link io.miguard.mi.MiException} with the result to report;
 * any other exception completes the operation with {@link io.miguard.mi.MiResult#FAILED}.
 */
@FunctionalInterface
public interface MethodProvider {
  MiInstance invoke(MethodInvocation invocation);
}
