package io.miguard.mi.embedded;

import io.miguard.mi.MiInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The identity of an instance within its key space: its key values, compared as CIM servers on
 * Windows compare them (strings ignoring case, references by the keys they hold).
 */
record InstanceKey(List<Object> values) {
  InstanceKey {
    values = List.copyOf(values);
  }

  /** The key of {@code instance}, whose keys (of class {@code def}) are all present. */
  static InstanceKey of(ClassDef def, MiInstance instance) {
    Map<String, Object> sorted = new TreeMap<>();
    for (String key : def.keyNames()) {
      sorted.put(ClassDef.lower(key), normalize(PropertyAccess.get(instance, key)));
    }
    return new InstanceKey(new ArrayList<>(sorted.values()));
  }

  private static Object normalize(@Nullable Object value) {
    if (value instanceof String text) {
      return ClassDef.lower(text);
    }
    if (value instanceof MiInstance reference) {
      Map<String, Object> keys = new TreeMap<>();
      reference
          .properties()
          .forEach(
              (name, v) -> {
                if (reference.keyNames().isEmpty() || reference.keyNames().contains(name)) {
                  keys.put(ClassDef.lower(name), normalize(v));
                }
              });
      return keys;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(InstanceKey::normalize).toList();
    }
    return value == null ? "<null>" : value;
  }
}
