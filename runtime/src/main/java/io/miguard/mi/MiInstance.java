package io.miguard.mi;

import io.miguard.annotations.CopiesResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A CIM instance: a class name, an optional namespace, and named property values, some of which are
 * keys. Immutable to the caller; {@link #cloneInstance()} mirrors {@code MI_Instance_Clone} (a
 * result instance of the binding is valid only until the next retrieval or close, exactly as in MI,
 * so keep a clone).
 *
 * <p>Property values are {@code null}, {@link String}, {@link Boolean}, {@link Long}, {@link
 * Double}, {@link MiInstance} (embedded instances and references) or an unmodifiable {@link List}
 * of those. Integral and floating values given to the builder are widened to {@code Long} and
 * {@code Double}.
 */
public final class MiInstance {
  private final String className;
  private final String namespace;
  private final Map<String, Object> properties;
  private final Set<String> keys;

  private MiInstance(Builder builder) {
    this.className = builder.className;
    this.namespace = builder.namespace;
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
    this.keys = Collections.unmodifiableSet(new LinkedHashSet<>(builder.keys));
  }

  /** A builder of an instance of the named class. */
  public static Builder builder(String className) {
    return new Builder(className);
  }

  /** A builder that starts from this instance's class, namespace, properties and keys. */
  public Builder toBuilder() {
    Builder builder = new Builder(className).namespace(namespace);
    properties.forEach(
        (name, value) -> {
          if (keys.contains(name)) {
            builder.key(name, value);
          } else {
            builder.property(name, value);
          }
        });
    return builder;
  }

  public String className() {
    return className;
  }

  /** The namespace the instance lives in, or {@code null} when not known. */
  public String namespace() {
    return namespace;
  }

  /** The value of a property, or {@code null} if absent (or null). */
  public Object get(String property) {
    return properties.get(property);
  }

  /** Whether the instance has the named property (even with a null value). */
  public boolean has(String property) {
    return properties.containsKey(property);
  }

  /** All properties in the order they were set. */
  public Map<String, Object> properties() {
    return properties;
  }

  /** The names of the key properties. */
  public Set<String> keyNames() {
    return keys;
  }

  /** A copy that stays valid after the operation that produced this instance moves on. */
  @CopiesResult
  public MiInstance cloneInstance() {
    return toBuilder().build();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MiInstance that
        && className.equalsIgnoreCase(that.className)
        && Objects.equals(namespace, that.namespace)
        && properties.equals(that.properties)
        && keys.equals(that.keys);
  }

  @Override
  public int hashCode() {
    return Objects.hash(className.toLowerCase(java.util.Locale.ROOT), namespace, properties, keys);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(className).append('{');
    String separator = "";
    for (Map.Entry<String, Object> entry : properties.entrySet()) {
      text.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
      separator = ", ";
    }
    return text.append('}').toString();
  }

  /** Builds an {@link MiInstance}. */
  public static final class Builder {
    private final String className;
    private String namespace;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Set<String> keys = new LinkedHashSet<>();

    private Builder(String className) {
      Objects.requireNonNull(className, "className");
      if (className.isBlank()) {
        throw new IllegalArgumentException("an instance needs a class name");
      }
      this.className = className;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Sets a non-key property. */
    public Builder property(String name, Object value) {
      Objects.requireNonNull(name, "name");
      properties.put(name, normalize(name, value));
      keys.remove(name);
      return this;
    }

    /** Sets a key property. */
    public Builder key(String name, Object value) {
      Objects.requireNonNull(name, "name");
      properties.put(name, normalize(name, value));
      keys.add(name);
      return this;
    }

    public MiInstance build() {
      return new MiInstance(this);
    }

    private static Object normalize(String name, Object value) {
      if (value == null
          || value instanceof String
          || value instanceof Boolean
          || value instanceof Long
          || value instanceof Double
          || value instanceof MiInstance) {
        return value;
      }
      if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
        return ((Number) value).longValue();
      }
      if (value instanceof Float) {
        return ((Float) value).doubleValue();
      }
      if (value instanceof Character) {
        return value.toString();
      }
      if (value instanceof List<?> list) {
        return list.stream().map(element -> normalize(name, element)).toList();
      }
      throw new IllegalArgumentException(
          "property " + name + " has a value of unsupported type " + value.getClass().getName());
    }
  }
}
