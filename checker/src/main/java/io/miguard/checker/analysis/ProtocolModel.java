package io.miguard.checker.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.util.Context;
import io.miguard.checker.models.Models;
import io.miguard.checker.models.Role;
import io.miguard.checker.models.SymbolKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * What the miguard annotation vocabulary ({@code io.miguard.annotations}) says about symbols: the
 * only source of protocol knowledge of the checks. Annotations are read by fully-qualified name, so
 * that the checker has no compile dependency on the annotations jar, and method annotations are
 * looked up on overridden methods too, so that an override without annotations keeps its role.
 *
 * <p>Models ({@code -XepOpt:Miguard:Models=PATH}, {@code MiguardModels} services) give the same
 * roles to the symbols of a library that cannot be annotated: a role a model gives a symbol counts
 * as the annotation it stands for ({@link Role#annotationName}), so every question below answers
 * the same for an annotated library and for its unannotated twin with models.
 *
 * <p>One instance serves a whole compilation ({@link #instance}): it caches per symbol, and symbols
 * and their annotations do not change once attribution has begun, so every unit's analyses share
 * what earlier units learnt about the binding's methods.
 */
public final class ProtocolModel {
  private static final String PACKAGE = "io.miguard.annotations.";
  static final String OPERATION_HANDLE = PACKAGE + "OperationHandle";
  static final String STARTS_OPERATION = PACKAGE + "StartsOperation";
  static final String ASYNC_IF_NON_NULL = PACKAGE + "AsyncIfNonNull";
  static final String RETRIEVES_RESULT = PACKAGE + "RetrievesResult";
  static final String MORE_RESULTS = PACKAGE + "MoreResults";
  static final String DRAINS_RESULTS = PACKAGE + "DrainsResults";
  static final String REPORTS_DRAINED = PACKAGE + "ReportsDrained";
  static final String DRAINED_BY_ITERATION = PACKAGE + "DrainedByIteration";
  static final String CLOSES_OPERATION = PACKAGE + "ClosesOperation";
  static final String CANCELS_OPERATION = PACKAGE + "CancelsOperation";
  static final String ENTERS_SECURITY_CONTEXT = PACKAGE + "EntersSecurityContext";
  static final String LEAVES_SECURITY_CONTEXT = PACKAGE + "LeavesSecurityContext";
  static final String RUNS_AS = PACKAGE + "RunsAs";
  static final String CONTEXT_IDENTITY = PACKAGE + "ContextIdentity";
  static final String OPERATION_CALLBACKS = PACKAGE + "OperationCallbacks";
  static final String SESSION_HANDLE = PACKAGE + "SessionHandle";
  static final String CLOSES_SESSION = PACKAGE + "ClosesSession";
  static final String APPLICATION_HANDLE = PACKAGE + "ApplicationHandle";
  static final String CLOSES_APPLICATION = PACKAGE + "ClosesApplication";
  static final String BORROWED_RESULT = PACKAGE + "BorrowedResult";
  static final String COPIES_RESULT = PACKAGE + "CopiesResult";

  /** Whether an operation's results are pulled by the caller or pushed to callbacks. */
  public enum Synchrony {
    SYNC,
    ASYNC,
    /** Decided by a callbacks argument whose nullness the analysis does not know. */
    UNKNOWN
  }

  /** How many results an operation delivers, from {@code @StartsOperation(results = ...)}. */
  public enum Results {
    SINGLE,
    MULTIPLE,
    /** An operation of unknown origin (a parameter, a field). */
    UNKNOWN
  }

  /**
   * What {@code @StartsOperation} says about a method.
   *
   * @param mode the declared mode: {@link Synchrony#UNKNOWN} stands for {@code
   *     DECIDED_BY_CALLBACKS}
   * @param callbacksParameter the index of the {@code @AsyncIfNonNull} parameter, or -1
   * @param drainWith the name of the drain method for the suggested fix, or empty
   */
  public record StartSpec(
      Synchrony mode, Results results, int callbacksParameter, String drainWith) {}

  private static final Context.Key<ProtocolModel> KEY = new Context.Key<>();

  private final Types types;
  private final Models models;
  private final Map<TypeSymbol, Boolean> handleTypes = new HashMap<>();
  private final Map<TypeSymbol, Boolean> callbackTypes = new HashMap<>();
  private final Map<TypeSymbol, Boolean> sessionTypes = new HashMap<>();
  private final Map<TypeSymbol, Boolean> applicationTypes = new HashMap<>();
  private final Map<TypeSymbol, Boolean> protocolTypes = new HashMap<>();
  private final Map<MethodSymbol, Set<MethodSymbol>> superMethods = new HashMap<>();

  /**
   * The vocabulary annotations on each symbol asked about (and the roles models give it), by
   * qualified name, each with its arguments. Every call the transfer function sees asks a method
   * for several roles, and each role looks at the method and everything it overrides: reading
   * javac's annotation names (which converts them to strings) once per symbol keeps that cheap.
   */
  private final Map<Symbol, Map<String, Map<String, String>>> vocabulary = new HashMap<>();

  private final Map<MethodSymbol, Optional<StartSpec>> starts = new HashMap<>();

  /**
   * The vocabulary annotations on each method asked about or on a method it overrides (the union
   * over {@link #supers}): the transfer function asks every call for a dozen roles, each one a
   * lookup here rather than a walk over the overridden methods.
   */
  private final Map<MethodSymbol, Set<String>> methodRoles = new HashMap<>();

  /** Whether each method belongs to a binding (see {@link #isBindingMethod}). */
  private final Map<MethodSymbol, Boolean> bindingMethods = new HashMap<>();

  /** What a call of each method runs on a receiver of each class (see {@link #implementation}). */
  private final Map<MethodSymbol, Map<TypeSymbol, MethodSymbol>> implementations = new HashMap<>();

  /** Each type's {@code @CopiesResult} method (see {@link #copyMethod}), empty if it has none. */
  private final Map<TypeSymbol, Optional<MethodSymbol>> copyMethods = new HashMap<>();

  private ProtocolModel(Context context, Models models) {
    this.types = Types.instance(context);
    this.models = models;
  }

  /**
   * The model of the compilation {@code state} belongs to. The first call in a compilation loads
   * the models its flags and processor path give; each problem with them is a compilation error
   * naming the file and line (what is well formed is used).
   */
  public static ProtocolModel instance(VisitorState state) {
    Context context = state.context;
    ProtocolModel model = context.get(KEY);
    if (model == null) {
      Path file = MiguardFlags.of(state).models();
      JavacProcessingEnvironment environment = JavacProcessingEnvironment.instance(context);
      Messager messager = environment.getMessager();
      // Services are looked for on the processor path, where the checker itself is found.
      ClassLoader processorPath = environment.getProcessorClassLoader();
      Models models =
          Models.load(
              file,
              processorPath != null ? processorPath : ProtocolModel.class.getClassLoader(),
              problem -> messager.printMessage(Diagnostic.Kind.ERROR, "[miguard] " + problem));
      model = new ProtocolModel(context, models);
      context.put(KEY, model);
    }
    return model;
  }

  // ---- types ----

  /** Whether values of {@code type} are operation handles (the type or a supertype is marked). */
  public boolean isOperationHandle(@Nullable Type type) {
    return type != null
        && type.getKind() == TypeKind.DECLARED
        && marked(type.tsym, OPERATION_HANDLE, handleTypes);
  }

  /** Whether {@code type} is (or extends) an {@code @OperationCallbacks} type. */
  public boolean isCallbacksType(@Nullable Type type) {
    return type != null
        && type.getKind() == TypeKind.DECLARED
        && marked(type.tsym, OPERATION_CALLBACKS, callbackTypes);
  }

  /** Whether values of {@code type} are MI sessions ({@code @SessionHandle}). */
  public boolean isSessionHandle(@Nullable Type type) {
    return type != null
        && type.getKind() == TypeKind.DECLARED
        && marked(type.tsym, SESSION_HANDLE, sessionTypes);
  }

  /** Whether values of {@code type} are MI applications ({@code @ApplicationHandle}). */
  public boolean isApplicationHandle(@Nullable Type type) {
    return type != null
        && type.getKind() == TypeKind.DECLARED
        && marked(type.tsym, APPLICATION_HANDLE, applicationTypes);
  }

  /**
   * Whether {@code type} is one of the handle types a body must mention to be analysed at all: an
   * operation, a session or an application (the fast path, one cached lookup per type).
   */
  public boolean isProtocolHandle(@Nullable Type type) {
    if (type == null || type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    Boolean known = protocolTypes.get(type.tsym);
    if (known == null) {
      known = isOperationHandle(type) || isSessionHandle(type) || isApplicationHandle(type);
      protocolTypes.put(type.tsym, known);
    }
    return known;
  }

  private boolean marked(TypeSymbol symbol, String annotation, Map<TypeSymbol, Boolean> cache) {
    Boolean known = cache.get(symbol);
    if (known != null) {
      return known;
    }
    boolean result = false;
    if (symbol instanceof ClassSymbol) {
      if (annotated(symbol, annotation)) {
        result = true;
      } else {
        for (Type parent : types.closure(symbol.type)) {
          if (parent.tsym != symbol && annotated(parent.tsym, annotation)) {
            result = true;
            break;
          }
        }
      }
    }
    cache.put(symbol, result);
    return result;
  }

  /**
   * Whether {@code method} implements or overrides a method declared in an
   * {@code @OperationCallbacks} type: MI calls it with the operation it reports on.
   */
  public boolean isCallbackMethod(MethodSymbol method) {
    for (MethodSymbol overridden : supers(method)) {
      if (overridden != method && isCallbacksType(overridden.owner.type)) {
        return true;
      }
    }
    return false;
  }

  // ---- operations ----

  /** What {@code @StartsOperation} says about {@code method}, or null if it starts nothing. */
  public @Nullable StartSpec startsOperation(MethodSymbol method) {
    return starts.computeIfAbsent(method, m -> Optional.ofNullable(readStart(m))).orElse(null);
  }

  private @Nullable StartSpec readStart(MethodSymbol method) {
    for (MethodSymbol candidate : supers(method)) {
      Map<String, String> starts = annotation(candidate, STARTS_OPERATION);
      if (starts != null) {
        String mode = starts.getOrDefault("mode", "SYNCHRONOUS");
        String results = starts.getOrDefault("results", "MULTIPLE");
        Synchrony synchrony =
            switch (mode) {
              case "ASYNCHRONOUS" -> Synchrony.ASYNC;
              case "DECIDED_BY_CALLBACKS" -> Synchrony.UNKNOWN;
              default -> Synchrony.SYNC;
            };
        return new StartSpec(
            synchrony,
            results.equals("SINGLE") ? Results.SINGLE : Results.MULTIPLE,
            synchrony == Synchrony.UNKNOWN ? parameterMarked(method, ASYNC_IF_NON_NULL) : -1,
            starts.getOrDefault("drainWith", ""));
      }
    }
    return null;
  }

  /** Whether {@code method} retrieves the next result of its receiver. */
  public boolean retrievesResult(MethodSymbol method) {
    return methodMarked(method, RETRIEVES_RESULT);
  }

  /** Whether {@code method} is the accessor of a result that reports whether more follow. */
  public boolean isMoreResultsAccessor(MethodSymbol method) {
    return methodMarked(method, MORE_RESULTS);
  }

  /** Whether {@code method} (of a handle type) drains its receiver. */
  public boolean drainsReceiver(MethodSymbol method) {
    return !method.isStatic()
        && isOperationHandle(method.owner.type)
        && methodMarked(method, DRAINS_RESULTS);
  }

  /** Whether {@code method} drains the operation passed as its {@code index}th argument. */
  public boolean drainsParameter(MethodSymbol method, int index) {
    return parameterMarked(method, index, DRAINS_RESULTS);
  }

  /**
   * Whether {@code method} (of a handle type) reports whether its receiver is drained: its true
   * edge drains.
   */
  public boolean reportsDrained(MethodSymbol method) {
    return !method.isStatic()
        && isOperationHandle(method.owner.type)
        && methodMarked(method, REPORTS_DRAINED);
  }

  /** Whether {@code method} returns a lazy iterable whose completed iteration drains. */
  public boolean drainedByIteration(MethodSymbol method) {
    return methodMarked(method, DRAINED_BY_ITERATION);
  }

  /** Whether {@code method} (of a handle type) closes its receiver. */
  public boolean closesReceiver(MethodSymbol method) {
    return !method.isStatic() && methodMarked(method, CLOSES_OPERATION);
  }

  /**
   * The method that a call of {@code method} on a receiver of static type {@code receiver} runs:
   * its implementation in the receiver's type if there is one there (the synthetic close of a
   * try-with-resources names {@code AutoCloseable.close}, whose implementation carries the role).
   */
  public MethodSymbol implementation(MethodSymbol method, @Nullable Type receiver) {
    if (receiver == null || method.isStatic() || !(receiver.tsym instanceof ClassSymbol owner)) {
      return method;
    }
    // Asked at every call the transfer function sees, on every pass over it.
    return implementations
        .computeIfAbsent(method, m -> new HashMap<>())
        .computeIfAbsent(
            owner,
            o -> {
              MethodSymbol implementation = method.implementation(o, types, true);
              return implementation != null ? implementation : method;
            });
  }

  /** Whether {@code method} closes the operation passed as its {@code index}th argument. */
  public boolean closesParameter(MethodSymbol method, int index) {
    return parameterMarked(method, index, CLOSES_OPERATION);
  }

  /** Whether {@code method} closes its receiver session ({@code @ClosesSession}). */
  public boolean closesSession(MethodSymbol method) {
    return !method.isStatic() && methodMarked(method, CLOSES_SESSION);
  }

  /** Whether {@code method} closes its receiver application ({@code @ClosesApplication}). */
  public boolean closesApplication(MethodSymbol method) {
    return !method.isStatic() && methodMarked(method, CLOSES_APPLICATION);
  }

  /** Whether {@code method} is a result accessor that hands out a borrowed object. */
  public boolean borrowsResult(MethodSymbol method) {
    return !method.isStatic() && methodMarked(method, BORROWED_RESULT);
  }

  /** Whether {@code method} returns a copy of its borrowed receiver that the caller owns. */
  public boolean copiesResult(MethodSymbol method) {
    return !method.isStatic() && methodMarked(method, COPIES_RESULT);
  }

  /**
   * The first public no-argument {@code @CopiesResult} method of {@code type} or its supertypes, or
   * null (for suggested fixes).
   */
  public @Nullable MethodSymbol copyMethod(TypeSymbol type) {
    // Asked for the owner of every call that declares an exception (ExceptionalEdges): a walk
    // over the type's members and supertypes, once per type.
    return copyMethods
        .computeIfAbsent(type, t -> Optional.ofNullable(findCopyMethod(t)))
        .orElse(null);
  }

  private @Nullable MethodSymbol findCopyMethod(TypeSymbol type) {
    for (Type candidate : types.closure(type.type)) {
      for (Symbol member : candidate.tsym.getEnclosedElements()) {
        if (member instanceof MethodSymbol method
            && method.getKind() == ElementKind.METHOD
            && method.getParameters().isEmpty()
            && method.getModifiers().contains(Modifier.PUBLIC)
            && copiesResult(method)) {
          return method;
        }
      }
    }
    return null;
  }

  /** Whether {@code method} cancels its receiver. */
  public boolean cancels(MethodSymbol method) {
    return methodMarked(method, CANCELS_OPERATION);
  }

  /**
   * The handle type's methods that drain their receiver and take no argument, in declaration order
   * (for suggested fixes).
   */
  public List<MethodSymbol> receiverDrainMethods(TypeSymbol handleType) {
    List<MethodSymbol> result = new ArrayList<>();
    for (Symbol member : handleType.getEnclosedElements()) {
      if (member instanceof MethodSymbol method
          && method.getKind() == ElementKind.METHOD
          && method.getParameters().isEmpty()
          && method.getModifiers().contains(Modifier.PUBLIC)
          && drainsReceiver(method)) {
        result.add(method);
      }
    }
    return result;
  }

  // ---- security context ----

  /**
   * The index of the identity parameter of an {@code @EntersSecurityContext} method; -1 if it is
   * not one, or if it has no identifiable identity parameter (see {@link
   * #entersSecurityContextAtAll}).
   */
  public int entersSecurityContext(MethodSymbol method) {
    return methodMarked(method, ENTERS_SECURITY_CONTEXT) ? identityParameter(method) : -1;
  }

  /** Whether {@code method} is an {@code @EntersSecurityContext} method at all. */
  public boolean entersSecurityContextAtAll(MethodSymbol method) {
    return methodMarked(method, ENTERS_SECURITY_CONTEXT);
  }

  /** Whether {@code method} ends the security context its receiver scope entered. */
  public boolean leavesSecurityContext(MethodSymbol method) {
    return !method.isStatic() && methodMarked(method, LEAVES_SECURITY_CONTEXT);
  }

  /** Whether {@code method} is an {@code @RunsAs} method. */
  public boolean runsAs(MethodSymbol method) {
    return methodMarked(method, RUNS_AS);
  }

  /**
   * The identity parameter of an {@code @EntersSecurityContext} or {@code @RunsAs} method: the
   * {@code @ContextIdentity} one, or the only parameter; -1 if neither.
   */
  public int identityParameter(MethodSymbol method) {
    int marked = parameterMarked(method, CONTEXT_IDENTITY);
    if (marked >= 0) {
      return marked;
    }
    return method.getParameters().size() == 1 ? 0 : -1;
  }

  /**
   * Whether {@code method} belongs to a binding written in the vocabulary: it, a method it
   * overrides, or its class carries an {@code io.miguard.annotations} annotation (or a model gives
   * it a role). Such a method throws only what it declares (see {@link ExceptionalEdges}).
   */
  public boolean isBindingMethod(MethodSymbol method) {
    // Asked for every exception type of every call node (ExceptionalEdges): once per method.
    return bindingMethods.computeIfAbsent(method, this::readBindingMethod);
  }

  private boolean readBindingMethod(MethodSymbol method) {
    for (MethodSymbol candidate : supers(method)) {
      if (hasVocabulary(candidate) || hasVocabulary(candidate.owner)) {
        return true;
      }
    }
    return false;
  }

  private boolean hasVocabulary(Symbol symbol) {
    return !vocabulary.computeIfAbsent(symbol, this::readVocabulary).isEmpty();
  }

  /** The type operations of this compilation. */
  Types types() {
    return types;
  }

  // ---- annotation lookup ----

  private boolean methodMarked(MethodSymbol method, String annotation) {
    return methodRoles.computeIfAbsent(method, this::readMethodRoles).contains(annotation);
  }

  private Set<String> readMethodRoles(MethodSymbol method) {
    Set<String> roles = Set.of();
    for (MethodSymbol candidate : supers(method)) {
      Set<String> own = vocabulary.computeIfAbsent(candidate, this::readVocabulary).keySet();
      if (!own.isEmpty()) {
        if (roles.isEmpty()) {
          roles = new HashSet<>();
        }
        roles.addAll(own);
      }
    }
    return roles;
  }

  private boolean parameterMarked(MethodSymbol method, int index, String annotation) {
    for (MethodSymbol candidate : supers(method)) {
      List<VarSymbol> parameters = candidate.getParameters();
      if (index >= 0 && index < parameters.size() && annotated(parameters.get(index), annotation)) {
        return true;
      }
    }
    return false;
  }

  private int parameterMarked(MethodSymbol method, String annotation) {
    for (int i = 0; i < method.getParameters().size(); i++) {
      if (parameterMarked(method, i, annotation)) {
        return i;
      }
    }
    return -1;
  }

  /** The method itself first, then every method it overrides. */
  private Set<MethodSymbol> supers(MethodSymbol method) {
    return superMethods.computeIfAbsent(
        method,
        m -> {
          Set<MethodSymbol> all = new java.util.LinkedHashSet<>();
          all.add(m);
          if (!m.isStatic() && !m.isConstructor()) {
            all.addAll(ASTHelpers.findSuperMethods(m, types));
          }
          return all;
        });
  }

  /**
   * Whether {@code symbol} itself (not what it overrides) carries the vocabulary annotation {@code
   * annotation} (a qualified name), or a model gives it that role.
   */
  boolean annotated(Symbol symbol, String annotation) {
    return annotation(symbol, annotation) != null;
  }

  /** The arguments of the annotation (or modelled role) on {@code symbol}; null if it has none. */
  private @Nullable Map<String, String> annotation(Symbol symbol, String annotation) {
    return vocabulary.computeIfAbsent(symbol, this::readVocabulary).get(annotation);
  }

  private Map<String, Map<String, String>> readVocabulary(Symbol symbol) {
    Map<String, Map<String, String>> found = Map.of();
    for (Attribute.Compound compound : symbol.getRawAttributes()) {
      String name = compound.type.tsym.getQualifiedName().toString();
      if (name.startsWith(PACKAGE)) {
        if (found.isEmpty()) {
          found = new HashMap<>();
        }
        found.putIfAbsent(name, arguments(compound));
      }
    }
    if (!models.isEmpty()) {
      String key = SymbolKeys.of(symbol, types);
      Map<Role, Map<String, String>> modelled = key == null ? Map.of() : models.rolesOf(key);
      for (Map.Entry<Role, Map<String, String>> role : modelled.entrySet()) {
        if (found.isEmpty()) {
          found = new HashMap<>();
        }
        found.putIfAbsent(role.getKey().annotationName(), role.getValue());
      }
    }
    return found;
  }

  /** The annotation's explicit elements: an enum constant's name, or a string. */
  private static Map<String, String> arguments(Attribute.Compound annotation) {
    Map<String, String> arguments = new HashMap<>();
    for (Map.Entry<MethodSymbol, Attribute> value : annotation.getElementValues().entrySet()) {
      String element = value.getKey().getSimpleName().toString();
      if (value.getValue() instanceof Attribute.Enum constant) {
        arguments.put(element, constant.value.getSimpleName().toString());
      } else if (value.getValue().getValue() instanceof String string) {
        arguments.put(element, string);
      }
    }
    return arguments;
  }
}
