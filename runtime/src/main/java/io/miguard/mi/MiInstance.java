package io.miguard.mi;

import io.miguard.annotations.CopiesResult;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A CIM instance: a class name, an optional namespace, and named property values, some of which are
 * keys. Immutable to the caller.
 *
 * <p><b>Owned and borrowed instances.</b> An instance built with {@link #builder} or returned by
 * {@link #cloneInstance()}, {@link MiOperation#drainInstances()} or a for-each over {@link
 * MiOperation#instances()} is <em>owned</em>: it stays valid for as long as the caller keeps it. An
 * instance handed out by a result ({@link InstanceResult#instance()}, {@link
 * IndicationResult#instance()}, any result's {@code completionDetails()}) is <em>borrowed</em> from
 * its operation, exactly as in MI (rule 5): it is valid only until the next retrieval from that
 * operation or the operation's close (for a callback, until the callback returns, or under manual
 * acknowledgement until the result is acknowledged). Reading a borrowed instance after that (any
 * accessor below, {@link #cloneInstance()}, {@link #toBuilder()}, {@code equals}, {@code hashCode},
 * the map returned by {@link #properties()}, and embedded instances read from it) throws {@link
 * MiException} with {@link MiResult#FAILED}, naming the operation and the rule, where native MI
 * would read freed memory. Clone it before then to keep it. {@link #toString()} never throws: for a
 * released instance it says so instead of printing the properties.
 *
 * <p>Property values are {@code null}, {@link String}, {@link Boolean}, {@link Long}, {@link
 * Double}, {@link MiInstance} (embedded instances and references) or an unmodifiable {@link List}
 * of those. Integral and floating values given to the builder are widened to {@code Long} and
 * {@code Double}; a borrowed instance given to the builder is copied, so that a built instance is
 * owned throughout.
 */
public final class MiInstance {
  private final String className;
  private final @Nullable String namespace;
  private final Map<String, Object> properties;
  private final Set<String> keys;
  // null for an owned instance; the lease of the result it was borrowed from otherwise.
  private final @Nullable ResultLease lease;

  private MiInstance(Builder builder) {
    this.className = builder.className;
    this.namespace = builder.namespace;
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
    this.keys = Collections.unmodifiableSet(new LinkedHashSet<>(builder.keys));
    this.lease = null;
  }

  /** A borrowed view of {@code owned} under {@code lease}, sharing its (immutable) content. */
  private MiInstance(MiInstance owned, ResultLease lease) {
    this.className = owned.className;
    this.namespace = owned.namespace;
    this.keys = owned.keys;
    this.lease = lease;
    this.properties = new LeasedProperties(borrowValues(owned.properties, lease), this);
  }

  /** A builder of an instance of the named class. */
  public static Builder builder(String className) {
    return new Builder(className);
  }

  /**
   * A builder that starts from this instance's class, namespace, properties and keys.
   *
   * @throws MiException if this is a borrowed instance that was released
   */
  public Builder toBuilder() throws MiException {
    requireValid("toBuilder()");
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

  /**
   * The class name.
   *
   * @throws MiException if this is a borrowed instance that was released
   */
  public String className() throws MiException {
    requireValid("className()");
    return className;
  }

  /**
   * The namespace the instance lives in, or {@code null} when not known.
   *
   * @throws MiException if this is a borrowed instance that was released
   */
  public @Nullable String namespace() throws MiException {
    requireValid("namespace()");
    return namespace;
  }

  /**
   * The value of a property, or {@code null} if absent (or null).
   *
   * @throws MiException if this is a borrowed instance that was released
   */
  public @Nullable Object get(String property) throws MiException {
    requireValid("get(\"" + property + "\")");
    return properties.get(property);
  }

  /**
   * Whether the instance has the named property (even with a null value).
   *
   * @throws MiException if this is a borrowed instance that was released
   */
  public boolean has(String property) throws MiException {
    requireValid("has(\"" + property + "\")");
    return properties.containsKey(property);
  }

  /**
   * All properties in the order they were set. For a borrowed instance the map is borrowed too:
   * reading it after the release throws.
   *
   * @throws MiException if this is a borrowed instance that was released
   */
  public Map<String, Object> properties() throws MiException {
    requireValid("properties()");
    return properties;
  }

  /**
   * The names of the key properties.
   *
   * @throws MiException if this is a borrowed instance that was released
   */
  public Set<String> keyNames() throws MiException {
    requireValid("keyNames()");
    return keys;
  }

  /**
   * An owned copy ({@code MI_Instance_Clone}) that stays valid after the operation that produced
   * this instance moves on or is closed; embedded instances are copied too.
   *
   * @throws MiException if this is a borrowed instance that was already released: clone before the
   *     next retrieval or close
   */
  @CopiesResult
  public MiInstance cloneInstance() throws MiException {
    return toBuilder().build();
  }

  /**
   * Whether this instance was borrowed from a result (see the class javadoc); {@code false} for an
   * owned one. Never throws.
   */
  public boolean isBorrowed() {
    return lease != null;
  }

  /**
   * Whether this is a borrowed instance that was released, so that reading it throws. Never throws.
   */
  public boolean isReleased() {
    return lease != null && lease.isReleased();
  }

  /**
   * Equal instances have the same class (ignoring case), namespace, properties and keys; whether
   * they are owned or borrowed does not matter.
   *
   * @throws MiException if either is a borrowed instance that was released (comparing reads both)
   */
  @Override
  public boolean equals(Object other) throws MiException {
    requireValid("equals()");
    if (other instanceof MiInstance that) {
      that.requireValid("equals()");
      return className.equalsIgnoreCase(that.className)
          && Objects.equals(namespace, that.namespace)
          && properties.equals(that.properties)
          && keys.equals(that.keys);
    }
    return false;
  }

  /**
   * Consistent with {@link #equals}.
   *
   * @throws MiException if this is a borrowed instance that was released
   */
  @Override
  public int hashCode() throws MiException {
    requireValid("hashCode()");
    return Objects.hash(className.toLowerCase(Locale.ROOT), namespace, properties, keys);
  }

  /**
   * {@code Class{Name=value, ...}}. Never throws: for a released borrowed instance it gives the
   * class name and says that (and by what) the instance was released.
   */
  @Override
  public String toString() {
    try {
      requireValid("toString()");
      StringBuilder text = new StringBuilder(className).append('{');
      String separator = "";
      for (Map.Entry<String, Object> entry : properties.entrySet()) {
        text.append(separator).append(entry.getKey()).append('=').append(entry.getValue());
        separator = ", ";
      }
      return text.append('}').toString();
    } catch (MiException released) {
      // Released before or while printing; an embedded instance prints itself the same way.
      // Only a borrowed instance is ever released, so the lease is there; else say what failed.
      ResultLease held = lease;
      return className
          + "{<"
          + (held == null ? released.errorMessage() : held.releasedDescription())
          + ">}";
    }
  }

  // ---- borrowing (package-private: the binding lends results) ----

  /** This instance as borrowed under {@code lease}; an owned instance is wrapped, not copied. */
  MiInstance borrowedUnder(@Nullable ResultLease lease) {
    if (this.lease == lease) {
      return this;
    }
    return lease == null ? owned() : new MiInstance(owned(), lease);
  }

  /** This instance if owned, else an owned copy (throws if released). */
  MiInstance owned() {
    return lease == null ? this : cloneInstance();
  }

  private void requireValid(String accessor) {
    ResultLease held = lease;
    if (held != null) {
      held.requireValid("the borrowed instance of " + className + " (" + accessor + ")");
    }
  }

  /** The values of a borrowed instance: embedded instances are borrowed under the same lease. */
  private static Map<String, Object> borrowValues(Map<String, Object> values, ResultLease lease) {
    boolean embeds = false;
    for (Object value : values.values()) {
      if (value instanceof MiInstance || value instanceof List) {
        embeds = true;
        break;
      }
    }
    if (!embeds) {
      return values;
    }
    Map<String, Object> borrowed = new LinkedHashMap<>();
    values.forEach((name, value) -> borrowed.put(name, borrowValue(value, lease)));
    return Collections.unmodifiableMap(borrowed);
  }

  private static @Nullable Object borrowValue(@Nullable Object value, ResultLease lease) {
    if (value instanceof MiInstance embedded) {
      return embedded.borrowedUnder(lease);
    }
    if (value instanceof List<?> list && list.stream().anyMatch(MiInstance.class::isInstance)) {
      return list.stream().map(element -> borrowValue(element, lease)).toList();
    }
    return value;
  }

  /** The properties of a borrowed instance: every read checks the instance's lease first. */
  private static final class LeasedProperties extends AbstractMap<String, Object> {
    private final Map<String, Object> values;
    private final MiInstance owner;

    LeasedProperties(Map<String, Object> values, MiInstance owner) {
      this.values = values;
      this.owner = owner;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      owner.requireValid("properties().entrySet()");
      return values.entrySet();
    }

    @Override
    public @Nullable Object get(Object key) {
      owner.requireValid("properties().get()");
      return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      owner.requireValid("properties().containsKey()");
      return values.containsKey(key);
    }

    @Override
    public int size() {
      owner.requireValid("properties().size()");
      return values.size();
    }
  }

  /** Builds an {@link MiInstance}. */
  public static final class Builder {
    private final String className;
    private @Nullable String namespace;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Set<String> keys = new LinkedHashSet<>();

    private Builder(String className) {
      Objects.requireNonNull(className, "className");
      if (className.isBlank()) {
        throw new IllegalArgumentException("an instance needs a class name");
      }
      this.className = className;
    }

    public Builder namespace(@Nullable String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Sets a non-key property. */
    public Builder property(String name, @Nullable Object value) {
      Objects.requireNonNull(name, "name");
      properties.put(name, normalize(name, value));
      keys.remove(name);
      return this;
    }

    /** Sets a key property. */
    public Builder key(String name, @Nullable Object value) {
      Objects.requireNonNull(name, "name");
      properties.put(name, normalize(name, value));
      keys.add(name);
      return this;
    }

    public MiInstance build() {
      return new MiInstance(this);
    }

    private static @Nullable Object normalize(String name, @Nullable Object value) {
      if (value == null
          || value instanceof String
          || value instanceof Boolean
          || value instanceof Long
          || value instanceof Double) {
        return value;
      }
      if (value instanceof MiInstance instance) {
        return instance.owned();
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
