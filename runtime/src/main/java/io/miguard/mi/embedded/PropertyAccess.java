package io.miguard.mi.embedded;

import io.miguard.mi.MiInstance;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads properties of an {@link MiInstance} by name ignoring case, as CIM names compare. */
final class PropertyAccess {
  private PropertyAccess() {}

  /** The value of the property named {@code name} in any case, or null. */
  static @Nullable Object get(MiInstance instance, String name) {
    String actual = actualName(instance, name);
    return actual == null ? null : instance.get(actual);
  }

  /** Whether the instance has the property, in any case. */
  static boolean has(MiInstance instance, String name) {
    return actualName(instance, name) != null;
  }

  /** The property's name as the instance spells it, or null if absent. */
  static @Nullable String actualName(MiInstance instance, String name) {
    if (instance.has(name)) {
      return name;
    }
    for (Map.Entry<String, Object> entry : instance.properties().entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getKey();
      }
    }
    return null;
  }
}
