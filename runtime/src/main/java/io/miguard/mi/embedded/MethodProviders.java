package io.miguard.mi.embedded;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The method providers of a backend, per namespace, class and method. */
final class MethodProviders {
  private final Map<String, MethodProvider> providers = new ConcurrentHashMap<>();

  void register(String namespace, String className, String methodName, MethodProvider provider) {
    providers.put(key(namespace, className, methodName), provider);
  }

  /**
   * The provider of {@code methodName} for a class: the one registered on the class itself or else
   * on its nearest ancestor, so that subclasses inherit implementations.
   *
   * @param classChain the class and its ancestors, nearest first
   */
  @Nullable MethodProvider find(String namespace, List<String> classChain, String methodName) {
    for (String className : classChain) {
      MethodProvider provider = providers.get(key(namespace, className, methodName));
      if (provider != null) {
        return provider;
      }
    }
    return null;
  }

  private static String key(String namespace, String className, String methodName) {
    return ClassDef.lower(CimRepository.canonicalNamespace(namespace))
        + ':'
        + ClassDef.lower(className)
        + '.'
        + ClassDef.lower(methodName);
  }
}
