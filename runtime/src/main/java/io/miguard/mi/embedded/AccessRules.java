package io.miguard.mi.embedded;

import io.miguard.mi.Identity;
import io.miguard.mi.MiException;
import io.miguard.mi.MiResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The access rules of a backend's namespaces; a namespace without a rule inherits its parent's. */
final class AccessRules {
  private final Map<String, AccessRule> rules = new ConcurrentHashMap<>();

  void set(String namespace, AccessRule rule) {
    rules.put(key(namespace), rule);
  }

  /**
   * Checks that {@code identity} may read (or write) {@code namespace}.
   *
   * @throws MiException with ACCESS_DENIED if not
   */
  void check(String namespace, Identity identity, boolean write) {
    AccessRule rule = ruleFor(namespace);
    if (rule == null) {
      return;
    }
    boolean allowed = write ? rule.write().test(identity) : rule.read().test(identity);
    if (!allowed) {
      throw new MiException(
          MiResult.ACCESS_DENIED,
          identity.name()
              + " may not "
              + (write ? "change" : "read")
              + " namespace "
              + CimRepository.canonicalNamespace(namespace));
    }
  }

  private @Nullable AccessRule ruleFor(String namespace) {
    String key = key(namespace);
    while (true) {
      AccessRule rule = rules.get(key);
      if (rule != null) {
        return rule;
      }
      int slash = key.lastIndexOf('/');
      if (slash < 0) {
        return null;
      }
      key = key.substring(0, slash);
    }
  }

  private static String key(String namespace) {
    return ClassDef.lower(CimRepository.canonicalNamespace(namespace));
  }
}
