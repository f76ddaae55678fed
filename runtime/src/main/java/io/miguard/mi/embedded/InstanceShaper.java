package io.miguard.mi.embedded;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns instances given by clients into the form the repository keeps: every declared property
 * present under its declared name (null when not given), keys marked as declared, values checked
 * against their types, references reduced to the referenced instance's class and keys.
 */
final class InstanceShaper {
  private final NamespaceData namespace;

  InstanceShaper(NamespaceData namespace) {
    this.namespace = namespace;
  }

  /**
   * The full instance of class {@code def} built from {@code input}.
   *
   * @throws MiException NO_SUCH_PROPERTY for a property the class does not declare, TYPE_MISMATCH
   *     for a value that does not fit, INVALID_PARAMETER for a missing key
   */
  MiInstance shapeNew(ClassDef def, MiInstance input) {
    checkDeclared(def, input);
    MiInstance.Builder builder = MiInstance.builder(def.name()).namespace(namespace.name());
    for (MiClass.Property property : def.properties()) {
      Object value = value(property, PropertyAccess.get(input, property.name()));
      if (property.key()) {
        if (value == null) {
          throw missingKey(def, property);
        }
        builder.key(property.name(), value);
      } else {
        builder.property(property.name(), value);
      }
    }
    return builder.build();
  }

  /**
   * {@code stored} with the non-key properties {@code changes} carries replaced.
   *
   * @throws MiException NO_SUCH_PROPERTY, TYPE_MISMATCH as for {@link #shapeNew}
   */
  MiInstance shapeModified(ClassDef def, MiInstance stored, MiInstance changes) {
    checkDeclared(def, changes);
    MiInstance.Builder builder = stored.toBuilder();
    for (MiClass.Property property : def.properties()) {
      if (!property.key() && PropertyAccess.has(changes, property.name())) {
        builder.property(
            property.name(), value(property, PropertyAccess.get(changes, property.name())));
      }
    }
    return builder.build();
  }

  /**
   * The identity of the instance of {@code def} that {@code keys} names.
   *
   * @throws MiException INVALID_PARAMETER if a key is missing, TYPE_MISMATCH if one does not fit
   */
  InstanceKey keyOf(ClassDef def, MiInstance keys) {
    MiInstance.Builder builder = MiInstance.builder(def.name());
    for (MiClass.Property property : def.keyProperties()) {
      String keyName = property.name();
      Object value = value(property, PropertyAccess.get(keys, keyName));
      if (value == null) {
        throw missingKey(def, property);
      }
      builder.key(keyName, value);
    }
    return InstanceKey.of(def, builder.build());
  }

  /**
   * The stored instance a reference points to, or null when it points nowhere (unknown class,
   * missing keys, deleted instance).
   */
  NamespaceData.@Nullable Located resolve(@Nullable Object reference) {
    if (!(reference instanceof MiInstance ref)) {
      return null;
    }
    ClassDef def = namespace.classDef(ref.className());
    if (def == null) {
      return null;
    }
    try {
      return namespace.find(def, keyOf(def, ref));
    } catch (MiException incomplete) {
      return null;
    }
  }

  private void checkDeclared(ClassDef def, MiInstance input) {
    for (String name : input.properties().keySet()) {
      if (def.property(name) == null) {
        throw new MiException(
            MiResult.NO_SUCH_PROPERTY, "class " + def.name() + " has no property " + name);
      }
    }
  }

  private @Nullable Object value(MiClass.Property property, @Nullable Object given) {
    String what = "property " + property.name();
    Object value = CimTypes.coerce(property.type(), given, what, MiResult.TYPE_MISMATCH);
    String target = CimTypes.referencedClass(property.type());
    if (target != null && value instanceof MiInstance ref) {
      return reference(target, ref, what);
    }
    return value;
  }

  /** A reference reduced to its class, namespace and keys. */
  private MiInstance reference(String declaredTarget, MiInstance ref, String what) {
    ClassDef def = namespace.classDef(ref.className());
    MiInstance.Builder builder =
        MiInstance.builder(def == null ? ref.className() : def.name())
            .namespace(ref.namespace() == null ? namespace.name() : ref.namespace());
    if (def == null) {
      for (Map.Entry<String, Object> entry : ref.properties().entrySet()) {
        if (ref.keyNames().isEmpty() || ref.keyNames().contains(entry.getKey())) {
          builder.key(entry.getKey(), entry.getValue());
        }
      }
      return builder.build();
    }
    if (namespace.classDef(declaredTarget) != null && !def.isA(declaredTarget)) {
      throw new MiException(
          MiResult.TYPE_MISMATCH,
          what + " refers to " + declaredTarget + " but was given an instance of " + def.name());
    }
    for (MiClass.Property key : def.keyProperties()) {
      String keyName = key.name();
      Object value =
          CimTypes.coerce(
              key.type(),
              PropertyAccess.get(ref, keyName),
              what + " key " + keyName,
              MiResult.TYPE_MISMATCH);
      if (value == null) {
        throw new MiException(
            MiResult.INVALID_PARAMETER,
            what + " refers to an instance of " + def.name() + " without its key " + keyName);
      }
      builder.key(keyName, value);
    }
    return builder.build();
  }

  private static MiException missingKey(ClassDef def, MiClass.Property property) {
    return new MiException(
        MiResult.INVALID_PARAMETER,
        "key property " + property.name() + " of " + def.name() + " is missing");
  }
}
