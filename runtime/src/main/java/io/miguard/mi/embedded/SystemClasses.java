package io.miguard.mi.embedded;

import java.util.List;

/**
 * The system classes every namespace has, as in WMI: {@code __Namespace} (one instance per child
 * namespace), {@code __Parameters} (method parameters) and the intrinsic event classes.
 */
final class SystemClasses {
  static final String NAMESPACE = "__Namespace";
  static final String PARAMETERS = "__Parameters";
  static final String EVENT = "__Event";
  static final String INSTANCE_OPERATION_EVENT = "__InstanceOperationEvent";
  static final String TARGET_INSTANCE = "TargetInstance";
  static final String PREVIOUS_INSTANCE = "PreviousInstance";
  static final String TIME_CREATED = "TIME_CREATED";

  private SystemClasses() {}

  /** The declarations, each superclass before its subclasses. */
  static List<ClassDeclaration> declarations() {
    return List.of(
        ClassDeclaration.builder(NAMESPACE).key("Name", "string").build(),
        ClassDeclaration.builder(PARAMETERS).build(),
        ClassDeclaration.builder(EVENT).property(TIME_CREATED, "uint64").build(),
        ClassDeclaration.builder(INSTANCE_OPERATION_EVENT)
            .superclass(EVENT)
            .property(TARGET_INSTANCE, "object")
            .build(),
        ClassDeclaration.builder(RepositoryChange.Kind.CREATED.eventClass())
            .superclass(INSTANCE_OPERATION_EVENT)
            .build(),
        ClassDeclaration.builder(RepositoryChange.Kind.DELETED.eventClass())
            .superclass(INSTANCE_OPERATION_EVENT)
            .build(),
        ClassDeclaration.builder(RepositoryChange.Kind.MODIFIED.eventClass())
            .superclass(INSTANCE_OPERATION_EVENT)
            .property(PREVIOUS_INSTANCE, "object")
            .build());
  }

  /** Whether the class is a system class (its name starts with two underscores). */
  static boolean isSystem(String className) {
    return className.startsWith("__");
  }
}
