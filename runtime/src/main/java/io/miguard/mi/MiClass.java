package io.miguard.mi;

import java.util.List;
import java.util.Objects;

/**
 * A CIM class declaration ({@code MI_Class}): its name, superclass, namespace, properties (some of
 * them keys) and methods. Immutable.
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
  private final String superClassName;
  private final String namespace;
  private final List<Property> properties;
  private final List<Method> methods;

  public MiClass(
      String className,
      String superClassName,
      String namespace,
      List<Property> properties,
      List<Method> methods) {
    this.className = Objects.requireNonNull(className, "className");
    this.superClassName = superClassName;
    this.namespace = namespace;
    this.properties = List.copyOf(properties);
    this.methods = List.copyOf(methods);
  }

  public String className() {
    return className;
  }

  /** The direct superclass, or {@code null} for a root class. */
  public String superClassName() {
    return superClassName;
  }

  public String namespace() {
    return namespace;
  }

  /** Every property, inherited ones included, in declaration order (superclass first). */
  public List<Property> properties() {
    return properties;
  }

  /** Every method, inherited ones included. */
  public List<Method> methods() {
    return methods;
  }

  @Override
  public String toString() {
    return superClassName == null ? className : className + " : " + superClassName;
  }
}
