package io.miguard.mi.embedded;

import io.miguard.mi.Identity;
import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import org.jspecify.annotations.Nullable;

/**
 * One call of an extrinsic method, as a {@link MethodProvider} sees it.
 *
 * @param repository the repository, to read or change
 * @param namespace the namespace, as the repository spells it
 * @param className the class whose method runs: the target's class for an instance method, else the
 *     class named by the caller (as declared)
 * @param methodName the method, as declared
 * @param target the target instance as stored (all its properties), or null for a static method
 * @param inParameters the input parameters (class {@code __Parameters}, names as declared, values
 *     checked against their types); never null, empty when none were given
 * @param identity who called
 */
public record MethodInvocation(
    CimRepository repository,
    String namespace,
    String className,
    String methodName,
    @Nullable MiInstance target,
    MiInstance inParameters,
    Identity identity) {

  /**
   * The target of an instance method. The backend never runs an instance method without one.
   *
   * @throws MiException with {@link MiResult#INVALID_PARAMETER} for a static call
   */
  public MiInstance requireTarget() {
    if (target == null) {
      throw new MiException(
          MiResult.INVALID_PARAMETER,
          className + "." + methodName + " was called without a target instance");
    }
    return target;
  }

  /** An input parameter by name (ignoring case), or null if not given. */
  public @Nullable Object parameter(String name) {
    return PropertyAccess.get(inParameters, name);
  }

  /** A builder of the output parameters, with {@code ReturnValue} set. */
  public MiInstance.Builder outParameters(long returnValue) {
    return MiInstance.builder(SystemClasses.PARAMETERS)
        .namespace(namespace)
        .property("ReturnValue", returnValue);
  }
}
