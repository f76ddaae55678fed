package io.miguard.mi.embedded;

import io.miguard.mi.MiClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a class adds to its superclass: its name, its superclass, and the properties and methods it
 * declares itself. {@link CimRepository#defineClass} resolves it into an {@link MiClass} with the
 * inherited members. A property or method with the name of an inherited one overrides it in place
 * (a subclass may, for instance, narrow a reference's class or make an inherited property a key).
 *
 * <p>A class with at least one reference property is an association (in CIM only associations may
 * have references).
 *
 * <pre>{@code
 * ClassDeclaration.builder("Win32_DependentService")
 *     .superclass("CIM_ServiceServiceDependency")
 *     .keyReference("Antecedent", "Win32_BaseService")
 *     .keyReference("Dependent", "Win32_BaseService")
 *     .property("TypeOfDependency", "uint16")
 *     .build();
 * }</pre>
 *
 * <p>Type names are those of CIM: {@code string}, {@code boolean}, {@code uint8} ... {@code
 * sint64}, {@code real32}, {@code real64}, {@code char16}, {@code datetime}, {@code object}
 * (embedded instance), {@code <Class> ref}, each optionally with a {@code []} suffix.
 */
public final class ClassDeclaration {
  private final String name;
  private final @Nullable String superclass;
  private final List<MiClass.Property> properties;
  private final List<MiClass.Method> methods;

  private ClassDeclaration(Builder builder) {
    this.name = builder.name;
    this.superclass = builder.superclass;
    this.properties = List.copyOf(builder.properties);
    this.methods = List.copyOf(builder.methods);
  }

  /** A builder of a declaration of the named class. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** An input parameter of a method. */
  public static MiClass.Parameter in(String name, String type) {
    return new MiClass.Parameter(name, type, true, false);
  }

  /** An output parameter of a method. */
  public static MiClass.Parameter out(String name, String type) {
    return new MiClass.Parameter(name, type, false, true);
  }

  public String name() {
    return name;
  }

  /** The direct superclass, or null for a root class. */
  public @Nullable String superclass() {
    return superclass;
  }

  /** The properties this class declares itself, in order. */
  public List<MiClass.Property> properties() {
    return properties;
  }

  /** The methods this class declares itself, in order. */
  public List<MiClass.Method> methods() {
    return methods;
  }

  /** Builds a {@link ClassDeclaration}. */
  public static final class Builder {
    private final String name;
    private @Nullable String superclass;
    private final List<MiClass.Property> properties = new ArrayList<>();
    private final List<MiClass.Method> methods = new ArrayList<>();

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!isName(name)) {
        throw new IllegalArgumentException("not a class name: '" + name + "'");
      }
      this.name = name;
    }

    /** Sets the direct superclass. */
    public Builder superclass(String superclass) {
      this.superclass = superclass;
      return this;
    }

    /** Declares a non-key property. */
    public Builder property(String name, String type) {
      return add(new MiClass.Property(name, type, false));
    }

    /** Declares a key property. */
    public Builder key(String name, String type) {
      return add(new MiClass.Property(name, type, true));
    }

    /** Declares a non-key reference to instances of {@code className}. */
    public Builder reference(String name, String className) {
      return property(name, CimTypes.referenceTo(className));
    }

    /** Declares a key reference to instances of {@code className} (usual in associations). */
    public Builder keyReference(String name, String className) {
      return key(name, CimTypes.referenceTo(className));
    }

    /** Declares an instance method. */
    public Builder method(String name, String returnType, MiClass.Parameter... parameters) {
      methods.add(new MiClass.Method(name, returnType, List.of(parameters), false));
      return this;
    }

    /** Declares a static method (invoked with no target instance). */
    public Builder staticMethod(String name, String returnType, MiClass.Parameter... parameters) {
      methods.add(new MiClass.Method(name, returnType, List.of(parameters), true));
      return this;
    }

    private Builder add(MiClass.Property property) {
      if (!isName(property.name())) {
        throw new IllegalArgumentException("not a property name: '" + property.name() + "'");
      }
      if (!CimTypes.isValid(property.type())) {
        throw new IllegalArgumentException(
            "property " + property.name() + " has an unknown type '" + property.type() + "'");
      }
      for (MiClass.Property existing : properties) {
        if (existing.name().equalsIgnoreCase(property.name())) {
          throw new IllegalArgumentException(
              "property " + property.name() + " is declared twice in " + name);
        }
      }
      properties.add(property);
      return this;
    }

    public ClassDeclaration build() {
      for (MiClass.Method method : methods) {
        for (MiClass.Parameter parameter : method.parameters()) {
          if (!CimTypes.isValid(parameter.type())) {
            throw new IllegalArgumentException(
                "parameter " + parameter.name() + " of " + method.name() + " has an unknown type");
          }
        }
      }
      return new ClassDeclaration(this);
    }

    private static boolean isName(String text) {
      if (text.isEmpty() || !(Character.isLetter(text.charAt(0)) || text.charAt(0) == '_')) {
        return false;
      }
      return text.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_');
    }
  }
}
