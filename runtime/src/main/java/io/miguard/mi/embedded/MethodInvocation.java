package io.miguard.mi.embedded;

import io.miguard.mi.Identity;
import io.miguard.mi.MiInstance;

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
    MiInstance target,
    MiInstance inParameters,
    Identity identity) {

  /** An input parameter by name (ignoring case), or null if not given. */
  public Object parameter(String name) {
    return PropertyAccess.get(inParameters, name);
  }

  /** A builder of the output parameters, with {@code ReturnValue} set. */
  public MiInstance.Builder outParameters(long returnValue) {
    return MiInstance.builder(SystemClasses.PARAMETERS)
        .namespace(namespace)
        .property("ReturnValue", returnValue);
  }
}
