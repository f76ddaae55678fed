package io.miguard.mi.embedded;

import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The classes and instances of one namespace. Not thread-safe: {@link CimRepository} guards it with
 * its lock.
 */
final class NamespaceData {
  private final String name;
  private final Map<String, ClassDef> classes = new LinkedHashMap<>();
  private final Map<String, List<ClassDef>> subclasses = new HashMap<>();
  private final Map<String, Map<InstanceKey, MiInstance>> instances = new HashMap<>();

  NamespaceData(String name) {
    this.name = name;
  }

  /** The namespace's name as it was created ({@code root/cimv2}). */
  String name() {
    return name;
  }

  /** The class named {@code className} in any case, or null. */
  @Nullable ClassDef classDef(@Nullable String className) {
    return className == null ? null : classes.get(ClassDef.lower(className));
  }

  /**
   * The class named {@code className}.
   *
   * @throws MiException with {@code failure} if there is no such class
   */
  ClassDef requireClass(@Nullable String className, MiResult failure) {
    ClassDef def = classDef(className);
    if (def == null) {
      throw new MiException(
          failure,
          className == null || className.isBlank()
              ? "no class name given"
              : "class " + className + " does not exist in namespace " + name);
    }
    return def;
  }

  void addClass(ClassDef def) {
    classes.put(ClassDef.lower(def.name()), def);
    if (def.superclass() != null) {
      subclasses
          .computeIfAbsent(ClassDef.lower(def.superclass().name()), k -> new ArrayList<>())
          .add(def);
    }
  }

  /** Every class, in the order they were defined. */
  Collection<ClassDef> classes() {
    return classes.values();
  }

  /** {@code root} and all its subclasses, deep, each class before its subclasses. */
  List<ClassDef> hierarchy(ClassDef root) {
    List<ClassDef> result = new ArrayList<>();
    addHierarchy(root, result);
    return result;
  }

  private void addHierarchy(ClassDef def, List<ClassDef> result) {
    result.add(def);
    for (ClassDef sub : subclasses.getOrDefault(ClassDef.lower(def.name()), List.of())) {
      addHierarchy(sub, result);
    }
  }

  /**
   * Whether {@code className} is {@code ancestor} or a subclass of it; unknown classes match only
   * themselves.
   */
  boolean isA(String className, String ancestor) {
    ClassDef def = classDef(className);
    return def == null ? className.equalsIgnoreCase(ancestor) : def.isA(ancestor);
  }

  /** The instances of exactly {@code def} (not of its subclasses), by key, in creation order. */
  Map<InstanceKey, MiInstance> instancesOf(ClassDef def) {
    return instances.computeIfAbsent(ClassDef.lower(def.name()), k -> new LinkedHashMap<>());
  }

  /** The instances of {@code def} and its subclasses, deep. */
  List<MiInstance> enumerate(ClassDef def) {
    List<MiInstance> result = new ArrayList<>();
    for (ClassDef c : hierarchy(def)) {
      result.addAll(instancesOf(c).values());
    }
    return result;
  }

  /** An instance and the class it is stored under. */
  record Located(ClassDef def, InstanceKey key, MiInstance instance) {}

  /**
   * The instance of {@code def} or a subclass whose keys (those of {@code def}) are {@code key}, or
   * null.
   */
  @Nullable Located find(ClassDef def, InstanceKey key) {
    for (ClassDef c : hierarchy(def)) {
      Map<InstanceKey, MiInstance> stored = instancesOf(c);
      if (c.hasSameKeysAs(def)) {
        MiInstance found = stored.get(key);
        if (found != null) {
          return new Located(c, key, found);
        }
      } else {
        for (Map.Entry<InstanceKey, MiInstance> entry : stored.entrySet()) {
          if (InstanceKey.of(def, entry.getValue()).equals(key)) {
            return new Located(c, entry.getKey(), entry.getValue());
          }
        }
      }
    }
    return null;
  }
}
