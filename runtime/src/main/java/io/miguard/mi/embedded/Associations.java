package io.miguard.mi.embedded;

import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * CIM's Associators and References over one namespace (DSP0004/DSP0200 semantics): an association
 * instance links the instances its reference properties point to; the source's role is the name of
 * the reference that points to it, a result's role the name of the reference that points to the
 * result. Class filters include subclasses. Results are distinct, in the order of the association
 * classes and their instances. References that point nowhere are skipped.
 */
final class Associations {
  private final NamespaceData data;
  private final InstanceShaper shaper;

  Associations(NamespaceData data) {
    this.data = data;
    this.shaper = new InstanceShaper(data);
  }

  List<MiInstance> associators(
      MiInstance source,
      @Nullable String associationClass,
      @Nullable String resultClass,
      @Nullable String role,
      @Nullable String resultRole) {
    NamespaceData.Located origin = locateSource(source);
    checkFilterClass(associationClass, "association class");
    checkFilterClass(resultClass, "result class");
    List<MiInstance> results = new ArrayList<>();
    Set<Identity> seen = new HashSet<>();
    for (ClassDef association : associationClasses(associationClass)) {
      List<String> references = association.referenceNames();
      for (MiInstance link : data.instancesOf(association).values()) {
        for (String sourceRole : references) {
          if (!matchesRole(sourceRole, role) || !pointsTo(link, sourceRole, origin)) {
            continue;
          }
          for (String targetRole : references) {
            if (targetRole.equalsIgnoreCase(sourceRole) || !matchesRole(targetRole, resultRole)) {
              continue;
            }
            NamespaceData.Located target = shaper.resolve(PropertyAccess.get(link, targetRole));
            if (target != null
                && (resultClass == null || target.def().isA(resultClass))
                && seen.add(new Identity(target))) {
              results.add(target.instance());
            }
          }
        }
      }
    }
    return results;
  }

  List<MiInstance> references(
      MiInstance source, @Nullable String resultClass, @Nullable String role) {
    NamespaceData.Located origin = locateSource(source);
    checkFilterClass(resultClass, "result class");
    List<MiInstance> results = new ArrayList<>();
    for (ClassDef association : associationClasses(resultClass)) {
      for (MiInstance link : data.instancesOf(association).values()) {
        for (String sourceRole : association.referenceNames()) {
          if (matchesRole(sourceRole, role) && pointsTo(link, sourceRole, origin)) {
            results.add(link);
            break;
          }
        }
      }
    }
    return results;
  }

  private NamespaceData.Located locateSource(MiInstance source) {
    if (source == null) {
      throw new MiException(MiResult.INVALID_PARAMETER, "no source instance given");
    }
    ClassDef def = data.requireClass(source.className(), MiResult.INVALID_CLASS);
    NamespaceData.Located located = data.find(def, shaper.keyOf(def, source));
    if (located == null) {
      throw new MiException(MiResult.NOT_FOUND, "the source instance does not exist: " + source);
    }
    return located;
  }

  private void checkFilterClass(@Nullable String className, String what) {
    if (className != null && className.isBlank()) {
      throw new MiException(
          MiResult.INVALID_PARAMETER, "the " + what + " is empty; pass null for no filter");
    }
    if (className != null && data.classDef(className) == null) {
      throw new MiException(
          MiResult.INVALID_CLASS, what + " " + className + " does not exist in " + data.name());
    }
  }

  private List<ClassDef> associationClasses(@Nullable String filter) {
    return data.classes().stream()
        .filter(ClassDef::isAssociation)
        .filter(def -> filter == null || def.isA(filter))
        .toList();
  }

  private static boolean matchesRole(String property, @Nullable String role) {
    return role == null || property.equalsIgnoreCase(role);
  }

  private boolean pointsTo(MiInstance link, String role, NamespaceData.Located origin) {
    NamespaceData.Located target = shaper.resolve(PropertyAccess.get(link, role));
    return target != null && new Identity(target).equals(new Identity(origin));
  }

  /** A stored instance's identity: the class it is stored under and its key. */
  private record Identity(String className, InstanceKey key) {
    Identity(NamespaceData.Located located) {
      this(ClassDef.lower(located.def().name()), located.key());
    }
  }
}
