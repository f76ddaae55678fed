package io.miguard.mi.embedded;

import io.miguard.mi.MiClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A class as the repository keeps it: the declaration resolved against its superclass, with every
 * inherited property and method, looked up ignoring case. Immutable.
 */
final class ClassDef {
  private final String name;
  private final @Nullable ClassDef superclass;
  private final Map<String, MiClass.Property> properties; // lower-case name -> declaration
  private final Map<String, MiClass.Method> methods; // lower-case name -> declaration
  private final List<MiClass.Property> keyProperties;
  private final List<String> keyNames;
  private final MiClass full;
  private final MiClass nameOnly;

  ClassDef(ClassDeclaration declaration, @Nullable ClassDef superclass, String namespace) {
    this.name = declaration.name();
    this.superclass = superclass;
    this.properties = new LinkedHashMap<>();
    this.methods = new LinkedHashMap<>();
    if (superclass != null) {
      properties.putAll(superclass.properties);
      methods.putAll(superclass.methods);
    }
    // An override keeps the inherited member's position: LinkedHashMap.put on an existing key does.
    declaration.properties().forEach(p -> properties.put(lower(p.name()), p));
    declaration.methods().forEach(m -> methods.put(lower(m.name()), m));
    this.keyProperties = properties.values().stream().filter(MiClass.Property::key).toList();
    this.keyNames = keyProperties.stream().map(MiClass.Property::name).toList();
    String superName = superclass == null ? null : superclass.name;
    this.full =
        new MiClass(
            name,
            superName,
            namespace,
            List.copyOf(properties.values()),
            List.copyOf(methods.values()));
    this.nameOnly = new MiClass(name, superName, namespace, List.of(), List.of());
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  String name() {
    return name;
  }

  @Nullable ClassDef superclass() {
    return superclass;
  }

  /** The declaration of a property (inherited ones included), or null. */
  MiClass.@Nullable Property property(String propertyName) {
    return properties.get(lower(propertyName));
  }

  /** Every property, inherited ones first. */
  Iterable<MiClass.Property> properties() {
    return properties.values();
  }

  /** The declaration of a method (inherited ones included), or null. */
  MiClass.@Nullable Method method(String methodName) {
    return methods.get(lower(methodName));
  }

  /** The key properties, in declaration order. */
  List<MiClass.Property> keyProperties() {
    return keyProperties;
  }

  /** The names of the key properties, in declaration order. */
  List<String> keyNames() {
    return keyNames;
  }

  /** Whether this class is an association: it has a reference property. */
  boolean isAssociation() {
    return properties.values().stream().anyMatch(p -> CimTypes.referencedClass(p.type()) != null);
  }

  /** The names of the reference properties. */
  List<String> referenceNames() {
    return properties.values().stream()
        .filter(p -> CimTypes.referencedClass(p.type()) != null)
        .map(MiClass.Property::name)
        .toList();
  }

  /** Whether this class is {@code ancestor} or one of its subclasses. */
  boolean isA(String ancestor) {
    for (ClassDef c = this; c != null; c = c.superclass) {
      if (c.name.equalsIgnoreCase(ancestor)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The highest ancestor with the same keys: instances of every class below it share one key space
   * (two of them with equal keys would be the same object).
   */
  ClassDef keyRoot() {
    ClassDef root = this;
    while (root.superclass != null && root.superclass.hasSameKeysAs(this)) {
      root = root.superclass;
    }
    return root;
  }

  /** Whether both classes have the same key properties (names compared ignoring case). */
  boolean hasSameKeysAs(ClassDef other) {
    return sortedKeys().equals(other.sortedKeys());
  }

  private List<String> sortedKeys() {
    return keyNames.stream().map(ClassDef::lower).sorted().toList();
  }

  /** The class as {@link MiClass}: with members, or with names only. */
  MiClass toMiClass(boolean namesOnly) {
    return namesOnly ? nameOnly : full;
  }
}
