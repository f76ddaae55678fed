package io.miguard.checker.models;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One role per annotation of the vocabulary ({@code io.miguard.annotations}): what a models entry
 * says about a type, method or parameter instead of the annotation. A role is written as the
 * annotation's name in upper snake case ({@code STARTS_OPERATION}) or as the annotation's own name
 * ({@code StartsOperation}, {@code @StartsOperation}); the roles with arguments take them as the
 * annotation does ({@code STARTS_OPERATION(mode = SYNCHRONOUS, results = SINGLE)}).
 */
public enum Role {
  OPERATION_HANDLE("OperationHandle", EnumSet.of(Target.TYPE)),
  SESSION_HANDLE("SessionHandle", EnumSet.of(Target.TYPE)),
  APPLICATION_HANDLE("ApplicationHandle", EnumSet.of(Target.TYPE)),
  OPERATION_CALLBACKS("OperationCallbacks", EnumSet.of(Target.TYPE)),
  STARTS_OPERATION(
      "StartsOperation",
      EnumSet.of(Target.METHOD),
      Map.of(
          "mode", List.of("SYNCHRONOUS", "ASYNCHRONOUS", "DECIDED_BY_CALLBACKS"),
          "results", List.of("SINGLE", "MULTIPLE"),
          "drainWith", List.of())),
  ASYNC_IF_NON_NULL("AsyncIfNonNull", EnumSet.of(Target.PARAMETER)),
  RETRIEVES_RESULT("RetrievesResult", EnumSet.of(Target.METHOD)),
  MORE_RESULTS("MoreResults", EnumSet.of(Target.METHOD)),
  DRAINS_RESULTS("DrainsResults", EnumSet.of(Target.METHOD, Target.PARAMETER)),
  DRAINED_BY_ITERATION("DrainedByIteration", EnumSet.of(Target.METHOD)),
  REPORTS_DRAINED("ReportsDrained", EnumSet.of(Target.METHOD)),
  BORROWED_RESULT("BorrowedResult", EnumSet.of(Target.METHOD)),
  COPIES_RESULT("CopiesResult", EnumSet.of(Target.METHOD)),
  CLOSES_OPERATION("ClosesOperation", EnumSet.of(Target.METHOD, Target.PARAMETER)),
  CANCELS_OPERATION("CancelsOperation", EnumSet.of(Target.METHOD)),
  CLOSES_SESSION("ClosesSession", EnumSet.of(Target.METHOD)),
  CLOSES_APPLICATION("ClosesApplication", EnumSet.of(Target.METHOD)),
  ENTERS_SECURITY_CONTEXT("EntersSecurityContext", EnumSet.of(Target.METHOD)),
  LEAVES_SECURITY_CONTEXT("LeavesSecurityContext", EnumSet.of(Target.METHOD)),
  RUNS_AS("RunsAs", EnumSet.of(Target.METHOD)),
  CONTEXT_IDENTITY("ContextIdentity", EnumSet.of(Target.PARAMETER)),
  RUNS_ON_ANOTHER_THREAD(
      "RunsOnAnotherThread", EnumSet.of(Target.METHOD, Target.CONSTRUCTOR, Target.PARAMETER));

  /** What a models entry names: the annotation targets of the vocabulary. */
  public enum Target {
    TYPE,
    METHOD,
    CONSTRUCTOR,
    PARAMETER
  }

  /** The package of the vocabulary annotations. */
  public static final String PACKAGE = "io.miguard.annotations";

  private final String annotation;
  private final Set<Target> targets;
  private final Map<String, List<String>> arguments;

  Role(String annotation, Set<Target> targets) {
    this(annotation, targets, Map.of());
  }

  Role(String annotation, Set<Target> targets, Map<String, List<String>> arguments) {
    this.annotation = annotation;
    this.targets = targets;
    this.arguments = arguments;
  }

  /** The simple name of the annotation the role stands for. */
  public String annotation() {
    return annotation;
  }

  /** The qualified name of the annotation the role stands for. */
  public String annotationName() {
    return PACKAGE + "." + annotation;
  }

  /** What the role may be given to (the annotation's {@code @Target}). */
  public Set<Target> targets() {
    return targets;
  }

  /**
   * The arguments the role takes (the annotation's elements), each with its allowed values: the
   * constants of an enum element, or an empty list for a string element.
   */
  public Map<String, List<String>> arguments() {
    return arguments;
  }

  /** The role written {@code name}: its constant's name or its annotation's, with or without @. */
  public static @Nullable Role named(String name) {
    String bare = name.startsWith("@") ? name.substring(1) : name;
    for (Role role : values()) {
      if (role.name().equals(bare) || role.annotation.equals(bare)) {
        return role;
      }
    }
    return null;
  }

  /** The role names, for a message that lists them. */
  static String names() {
    return String.join(", ", Arrays.stream(values()).map(Role::name).toList());
  }
}
