package io.miguard.mi;

import io.miguard.annotations.CopiesResult;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A CIM class declaration ({@code MI_Class}): its name, superclass, namespace, properties (some of
 * them keys) and methods. Immutable to the caller.
 *
 * <p>A class handed out by a result ({@link ClassResult#cimClass()}) is <em>borrowed</em> from its
 * operation, as in MI (rule 5): valid only until the next retrieval from that operation or its
 * close (for a callback, until the callback returns). Reading it after that (any accessor, {@link
 * #cloneClass()}) throws {@link MiException} with {@link MiResult#FAILED}, naming the operation and
 * the rule; {@link #cloneClass()} before then gives an owned copy, and {@link
 * MiOperation#drainClasses()} returns owned copies. A class built with the constructor is owned.
 * {@link #toString()} never throws.
 */
public final class MiClass {
  /** A property declaration: name, CIM type name ({@code string}, {@code uint32}, ...), key. */
  public record Property(String name, String type, boolean key) {
    public Property {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** A method parameter: name, CIM type name, and whether it is an input or an output. */
  public record Parameter(String name, String type, boolean in, boolean out) {
    public Parameter {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  /** A method declaration: name, return type, parameters, and whether it is static. */
  public record Method(
      String name, String returnType, List<Parameter> parameters, boolean isStatic) {
    public Method {
      Objects.requireNonNull(name, "name");
      parameters = List.copyOf(parameters);
    }
  }

  private final String className;
  private final @Nullable String superClassName;
  private final @Nullable String namespace;
  private final List<Property> properties;
  private final List<Method> methods;
  // null for an owned class; the lease of the result it was borrowed from otherwise.
  private final @Nullable ResultLease lease;

  /** An owned class declaration. */
  public MiClass(
      String className,
      @Nullable String superClassName,
      @Nullable String namespace,
      List<Property> properties,
      List<Method> methods) {
    this.className = Objects.requireNonNull(className, "className");
    this.superClassName = superClassName;
    this.namespace = namespace;
    this.properties = List.copyOf(properties);
    this.methods = List.copyOf(methods);
    this.lease = null;
  }

  /** A borrowed view of {@code owned} under {@code lease}, sharing its (immutable) content. */
  private MiClass(MiClass owned, ResultLease lease) {
    this.className = owned.className;
    this.superClassName = owned.superClassName;
    this.namespace = owned.namespace;
    this.properties = owned.properties;
    this.methods = owned.methods;
    this.lease = lease;
  }

  /**
   * The class name.
   *
   * @throws MiException if this is a borrowed class that was released
   */
  public String className() throws MiException {
    requireValid("className()");
    return className;
  }

  /**
   * The direct superclass, or {@code null} for a root class.
   *
   * @throws MiException if this is a borrowed class that was released
   */
  public @Nullable String superClassName() throws MiException {
    requireValid("superClassName()");
    return superClassName;
  }

  /**
   * The namespace the class lives in, or {@code null} when not known.
   *
   * @throws MiException if this is a borrowed class that was released
   */
  public @Nullable String namespace() throws MiException {
    requireValid("namespace()");
    return namespace;
  }

  /**
   * Every property, inherited ones included, in declaration order (superclass first).
   *
   * @throws MiException if this is a borrowed class that was released
   */
  public List<Property> properties() throws MiException {
    requireValid("properties()");
    return properties;
  }

  /**
   * Every method, inherited ones included.
   *
   * @throws MiException if this is a borrowed class that was released
   */
  public List<Method> methods() throws MiException {
    requireValid("methods()");
    return methods;
  }

  /**
   * An owned copy ({@code MI_Class_Clone}) that stays valid after the operation that produced this
   * class moves on or is closed.
   *
   * @throws MiException if this is a borrowed class that was already released: clone before the
   *     next retrieval or close
   */
  @CopiesResult
  public MiClass cloneClass() throws MiException {
    requireValid("cloneClass()");
    return lease == null
        ? this
        : new MiClass(className, superClassName, namespace, properties, methods);
  }

  /** Whether this class was borrowed from a result (see the class javadoc). Never throws. */
  public boolean isBorrowed() {
    return lease != null;
  }

  /**
   * Whether this is a borrowed class that was released, so that reading it throws. Never throws.
   */
  public boolean isReleased() {
    return lease != null && lease.isReleased();
  }

  /**
   * {@code Name : SuperName}. Never throws: for a released borrowed class it gives the name and
   * says that (and by what) it was released.
   */
  @Override
  public String toString() {
    String text = superClassName == null ? className : className + " : " + superClassName;
    return lease != null && lease.isReleased()
        ? text + " <" + lease.releasedDescription() + ">"
        : text;
  }

  // ---- borrowing (package-private: the binding lends results) ----

  /** This class as borrowed under {@code lease}; an owned class is wrapped, not copied. */
  MiClass borrowedUnder(@Nullable ResultLease lease) {
    if (this.lease == lease) {
      return this;
    }
    MiClass owned = cloneClass();
    return lease == null ? owned : new MiClass(owned, lease);
  }

  private void requireValid(String accessor) {
    ResultLease held = lease;
    if (held != null) {
      held.requireValid("the borrowed class " + className + " (" + accessor + ")");
    }
  }
}
