package io.miguard.mi.embedded;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs INVOKE: finds the class, the target and the method, checks the input parameters against the
 * method's declaration, calls the method's provider outside any lock, and checks what it returns.
 *
 * <p>Results: INVALID_CLASS (no such class), NOT_FOUND (no such target), METHOD_NOT_FOUND (the
 * class declares no such method), INVALID_PARAMETER (a static method given a target, an instance
 * method given none, a target not of the class, an unknown or ill-typed input parameter),
 * METHOD_NOT_AVAILABLE (declared but no provider registered), and whatever the provider reports.
 */
final class MethodInvoker {
  private final CimRepository repository;
  private final MethodProviders providers;

  MethodInvoker(CimRepository repository, MethodProviders providers) {
    this.repository = repository;
    this.providers = providers;
  }

  /** The method call, resolved under the repository's read lock. */
  private record Call(
      String namespace,
      String className,
      List<String> classChain,
      MiClass.Method method,
      @Nullable MiInstance target,
      MiInstance inParameters) {}

  /** Runs the method {@code request} names in {@code namespace}, the request's namespace. */
  MiInstance invoke(String namespace, OperationRequest request) {
    String methodName = request.methodName();
    if (methodName == null || methodName.isBlank()) {
      throw new MiException(MiResult.INVALID_PARAMETER, "no method name given");
    }
    Call call = repository.read(namespace, data -> resolve(data, request, methodName));
    MethodProvider provider =
        providers.find(call.namespace(), call.classChain(), call.method().name());
    if (provider == null) {
      throw new MiException(
          MiResult.METHOD_NOT_AVAILABLE,
          "method " + describe(call) + " has no implementation in this backend");
    }
    MiInstance out;
    try {
      out =
          provider.invoke(
              new MethodInvocation(
                  repository,
                  call.namespace(),
                  call.className(),
                  call.method().name(),
                  call.target(),
                  call.inParameters(),
                  request.identity()));
    } catch (MiException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MiException(MiResult.FAILED, "the provider of " + describe(call) + " failed: " + e);
    }
    return checkedOutput(call, out);
  }

  private static Call resolve(NamespaceData data, OperationRequest request, String methodName) {
    MiInstance targetKeys = request.instance();
    String className = request.className() != null ? request.className() : className(targetKeys);
    ClassDef def = data.requireClass(className, MiResult.INVALID_CLASS);
    MiInstance target = null;
    if (targetKeys != null) {
      ClassDef targetClass = data.requireClass(targetKeys.className(), MiResult.INVALID_CLASS);
      NamespaceData.Located located =
          data.find(targetClass, new InstanceShaper(data).keyOf(targetClass, targetKeys));
      if (located == null) {
        throw new MiException(
            MiResult.NOT_FOUND, "the target instance does not exist: " + targetKeys);
      }
      if (!located.def().isA(def.name())) {
        throw new MiException(
            MiResult.INVALID_PARAMETER,
            "the target is an instance of " + located.def().name() + ", not of " + def.name());
      }
      def = located.def();
      target = located.instance();
    }
    MiClass.Method method = def.method(methodName);
    if (method == null) {
      throw new MiException(
          MiResult.METHOD_NOT_FOUND, "class " + def.name() + " has no method " + methodName);
    }
    if (method.isStatic() && target != null) {
      throw new MiException(
          MiResult.INVALID_PARAMETER,
          def.name() + "." + method.name() + " is static and takes no target instance");
    }
    if (!method.isStatic() && target == null) {
      throw new MiException(
          MiResult.INVALID_PARAMETER,
          def.name() + "." + method.name() + " is an instance method and needs a target instance");
    }
    List<String> chain = new ArrayList<>();
    for (ClassDef c = def; c != null; c = c.superclass()) {
      chain.add(c.name());
    }
    return new Call(
        data.name(),
        def.name(),
        chain,
        method,
        target,
        inParameters(data.name(), def, method, request.inParameters()));
  }

  private static String className(@Nullable MiInstance target) {
    if (target == null) {
      throw new MiException(MiResult.INVALID_PARAMETER, "neither a class nor a target given");
    }
    return target.className();
  }

  private static MiInstance inParameters(
      String namespace, ClassDef def, MiClass.Method method, @Nullable MiInstance given) {
    MiInstance.Builder builder = MiInstance.builder(SystemClasses.PARAMETERS).namespace(namespace);
    if (given == null) {
      return builder.build();
    }
    for (Map.Entry<String, Object> entry : given.properties().entrySet()) {
      MiClass.Parameter parameter =
          method.parameters().stream()
              .filter(p -> p.in() && p.name().equalsIgnoreCase(entry.getKey()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new MiException(
                          MiResult.INVALID_PARAMETER,
                          def.name()
                              + "."
                              + method.name()
                              + " has no input parameter "
                              + entry.getKey()));
      builder.property(
          parameter.name(),
          CimTypes.coerce(
              parameter.type(),
              entry.getValue(),
              "parameter " + parameter.name(),
              MiResult.INVALID_PARAMETER));
    }
    return builder.build();
  }

  private static MiInstance checkedOutput(Call call, @Nullable MiInstance out) {
    if (out == null || !out.className().equalsIgnoreCase(SystemClasses.PARAMETERS)) {
      throw new MiException(
          MiResult.FAILED,
          "the provider of "
              + describe(call)
              + " returned "
              + (out == null ? "nothing" : "a " + out.className())
              + " instead of __Parameters");
    }
    for (String name : out.properties().keySet()) {
      boolean declared =
          name.equalsIgnoreCase("ReturnValue")
              || call.method().parameters().stream()
                  .anyMatch(p -> p.out() && p.name().equalsIgnoreCase(name));
      if (!declared) {
        throw new MiException(
            MiResult.FAILED,
            "the provider of " + describe(call) + " returned undeclared output " + name);
      }
    }
    return out.namespace() == null ? out.toBuilder().namespace(call.namespace()).build() : out;
  }

  private static String describe(Call call) {
    return call.className() + "." + call.method().name();
  }
}
