package io.miguard.checker.analysis;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.constructor;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a call does with the code handed to one of its arguments: the JDK's thread-hopping and
 * same-thread APIs, and the {@code @RunsOnAnotherThread} / {@code @RunsAs} annotations of users'
 * own methods. Knows calls only; where a value travels before it reaches a call is {@link
 * ThreadHopFlow}'s job.
 */
final class ThreadHopCatalogue {
  static final String RUNS_ON_ANOTHER_THREAD = "io.miguard.annotations.RunsOnAnotherThread";
  static final String RUNS_AS = "io.miguard.annotations.RunsAs";

  /**
   * Calls that run their code-carrying arguments on another thread. Subtypes are included, so a
   * {@code ThreadPoolExecutor}, a {@code ForkJoinPool} or a user's {@code ExecutorService} are all
   * covered. Types missing from the running JDK ({@code Thread.Builder} before 21) match nothing.
   */
  private static final Matcher<ExpressionTree> HOPPING_CALL =
      anyOf(
          instanceMethod().onDescendantOf("java.util.concurrent.Executor").named("execute"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ExecutorService")
              .namedAnyOf("submit", "invokeAll", "invokeAny"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ScheduledExecutorService")
              .namedAnyOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"),
          instanceMethod().onDescendantOf("java.util.concurrent.CompletionService").named("submit"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ForkJoinPool")
              .namedAnyOf("execute", "submit", "invoke"),
          instanceMethod().onDescendantOf("java.util.concurrent.ThreadFactory").named("newThread"),
          instanceMethod()
              .onDescendantOf("java.lang.Thread.Builder")
              .namedAnyOf("start", "unstarted"),
          staticMethod().onClass("java.lang.Thread").named("startVirtualThread"),
          staticMethod()
              .onClass("java.util.concurrent.CompletableFuture")
              .namedAnyOf("runAsync", "supplyAsync"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.CompletionStage")
              .withNameMatching(Pattern.compile(".+Async")),
          instanceMethod()
              .onDescendantOf("java.util.Timer")
              .namedAnyOf("schedule", "scheduleAtFixedRate"),
          staticMethod()
              .onClassAny("javax.swing.SwingUtilities", "java.awt.EventQueue")
              .namedAnyOf("invokeLater", "invokeAndWait"),
          instanceMethod().onDescendantOf("java.lang.Runtime").named("addShutdownHook"),
          constructor().forClass("java.lang.Thread"),
          constructor().forClass("javax.swing.Timer"));

  /** Calls that run their lambda arguments on the calling thread, before they return. */
  private static final Matcher<ExpressionTree> SAME_THREAD_CALL =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.lang.Iterable")
              .named("forEach")
              .withParameters("java.util.function.Consumer"),
          // Map.forEach(BiConsumer) only: ConcurrentHashMap.forEach(long, ...) is parallel.
          instanceMethod()
              .onDescendantOf("java.util.Map")
              .named("forEach")
              .withParameters("java.util.function.BiConsumer"),
          instanceMethod()
              .onDescendantOf("java.util.Map")
              .namedAnyOf("computeIfAbsent", "computeIfPresent", "compute", "merge", "replaceAll"),
          instanceMethod().onDescendantOf("java.util.Collection").named("removeIf"),
          instanceMethod().onDescendantOf("java.util.List").namedAnyOf("replaceAll", "sort"),
          instanceMethod().onDescendantOf("java.util.Iterator").named("forEachRemaining"),
          instanceMethod()
              .onExactClassAny(
                  "java.util.Optional",
                  "java.util.OptionalInt",
                  "java.util.OptionalLong",
                  "java.util.OptionalDouble")
              .withAnyName(),
          staticMethod()
              .onClass("java.util.Objects")
              .namedAnyOf("requireNonNull", "requireNonNullElseGet"));

  /** Instance operations of a stream: same-thread when the stream is known to be sequential. */
  private static final Matcher<ExpressionTree> STREAM_OPERATION =
      instanceMethod().onDescendantOf("java.util.stream.BaseStream").withAnyName();

  /** Calls whose result is a parallel stream. */
  private static final Matcher<ExpressionTree> PARALLEL_SOURCE =
      anyOf(
          instanceMethod().onDescendantOf("java.util.stream.BaseStream").named("parallel"),
          instanceMethod().onDescendantOf("java.util.Collection").named("parallelStream"));

  /** Calls whose result is a sequential stream. */
  private static final Matcher<ExpressionTree> SEQUENTIAL_SOURCE =
      anyOf(
          instanceMethod().onDescendantOf("java.util.stream.BaseStream").named("sequential"),
          instanceMethod().onDescendantOf("java.util.Collection").named("stream"),
          staticMethod().onClass("java.util.Arrays").named("stream"),
          staticMethod()
              .onClassAny(
                  "java.util.stream.Stream",
                  "java.util.stream.IntStream",
                  "java.util.stream.LongStream",
                  "java.util.stream.DoubleStream")
              .namedAnyOf("of", "empty", "ofNullable", "range", "rangeClosed"));

  /** Value types that carry code but are not the code a hop runs. */
  private static final List<String> NOT_CODE = List.of("java.util.concurrent.Executor");

  /** Value types whose instances a hop runs, besides functional interfaces. */
  private static final List<String> CODE =
      List.of(
          "java.lang.Runnable",
          "java.util.concurrent.Callable",
          "java.util.TimerTask",
          "java.util.concurrent.ForkJoinTask");

  private ThreadHopCatalogue() {}

  /**
   * Where {@code call} runs the value passed as its argument {@code argIndex}.
   *
   * @param call a {@link MethodInvocationTree} or {@link NewClassTree}
   * @param element whether the code is not the argument itself but an element of the collection
   *     passed there ({@code invokeAll(List.of(task1, task2))})
   */
  static ThreadHop argument(
      ExpressionTree call, int argIndex, boolean element, VisitorState state) {
    MethodSymbol method = invokedMethod(call);
    if (method == null) {
      return ThreadHop.UNKNOWN;
    }
    int paramIndex = Math.min(argIndex, method.getParameters().size() - 1);
    if (paramIndex < 0) {
      return ThreadHop.UNKNOWN;
    }
    Type paramType = parameterType(method, argIndex, state);
    if (annotatedAsHop(method, paramIndex, state)) {
      return ThreadHop.ANOTHER_THREAD;
    }
    if (element) {
      return HOPPING_CALL.matches(call, state)
              && isSubtype(paramType, "java.util.Collection", state)
          ? ThreadHop.ANOTHER_THREAD
          : ThreadHop.UNKNOWN;
    }
    if (hasAnnotation(method, RUNS_AS, state)) {
      return ThreadHop.SAME_THREAD;
    }
    if (HOPPING_CALL.matches(call, state) && carriesCode(paramType, state)) {
      return ThreadHop.ANOTHER_THREAD;
    }
    if (SAME_THREAD_CALL.matches(call, state)) {
      return ThreadHop.SAME_THREAD;
    }
    if (STREAM_OPERATION.matches(call, state)) {
      return streamParallelism(call, state);
    }
    return ThreadHop.UNKNOWN;
  }

  /** Whether calling {@code method} on an object starts a thread that runs the object. */
  static boolean startsThread(MethodSymbol method, VisitorState state) {
    return method.getSimpleName().contentEquals("start")
        && method.getParameters().isEmpty()
        && isSubtype(method.owner.type, "java.lang.Thread", state);
  }

  /**
   * Whether calling {@code method} on a thread object neither runs it nor starts it ({@code
   * setDaemon}, {@code join}, {@code setName}...): such a use leaves the question to other uses.
   */
  static boolean isThreadBookkeeping(MethodSymbol method) {
    return method.owner.getQualifiedName().contentEquals("java.lang.Thread")
        && !method.getSimpleName().contentEquals("run")
        && !method.getSimpleName().contentEquals("start");
  }

  /** The method or constructor {@code call} invokes; for an anonymous class, its superclass's. */
  private static MethodSymbol invokedMethod(ExpressionTree call) {
    if (call instanceof MethodInvocationTree) {
      return ASTHelpers.getSymbol((MethodInvocationTree) call);
    }
    if (call instanceof NewClassTree) {
      return ASTHelpers.getSymbol((NewClassTree) call);
    }
    return null;
  }

  private static Type parameterType(MethodSymbol method, int argIndex, VisitorState state) {
    List<VarSymbol> params = method.getParameters();
    int last = params.size() - 1;
    Type type = params.get(Math.min(argIndex, last)).type;
    if (method.isVarArgs() && argIndex >= last && state.getTypes().isArray(type)) {
      // A variable-arity argument: the element type. (An array passed whole is not code.)
      return state.getTypes().elemtype(type);
    }
    return type;
  }

  /** {@code @RunsOnAnotherThread} on the method, on the parameter, or on what they override. */
  private static boolean annotatedAsHop(MethodSymbol method, int paramIndex, VisitorState state) {
    if (annotatedAsHopHere(method, paramIndex, state)) {
      return true;
    }
    for (MethodSymbol overridden : ASTHelpers.findSuperMethods(method, state.getTypes())) {
      if (annotatedAsHopHere(overridden, paramIndex, state)) {
        return true;
      }
    }
    return false;
  }

  private static boolean annotatedAsHopHere(
      MethodSymbol method, int paramIndex, VisitorState state) {
    return hasAnnotation(method, RUNS_ON_ANOTHER_THREAD, state)
        || (paramIndex < method.getParameters().size()
            && hasAnnotation(
                method.getParameters().get(paramIndex), RUNS_ON_ANOTHER_THREAD, state));
  }

  /** The annotation on the symbol, or the role a model gives it (read by the protocol model). */
  private static boolean hasAnnotation(Symbol symbol, String annotation, VisitorState state) {
    return ProtocolModel.instance(state).annotated(symbol, annotation);
  }

  /** Whether values of {@code type} are code a hop runs: a task, a function, a listener. */
  private static boolean carriesCode(Type type, VisitorState state) {
    Types types = state.getTypes();
    Type erased = types.erasure(type);
    for (String notCode : NOT_CODE) {
      if (isSubtype(erased, notCode, state)) {
        return false;
      }
    }
    for (String code : CODE) {
      if (isSubtype(erased, code, state)) {
        return true;
      }
    }
    return types.isFunctionalInterface(erased);
  }

  /**
   * A stream operation runs its lambdas on the calling thread when the stream is sequential: walks
   * the receiver chain back to where the stream was made or last switched mode.
   */
  private static ThreadHop streamParallelism(ExpressionTree call, VisitorState state) {
    ExpressionTree receiver = ASTHelpers.getReceiver(call);
    while (receiver instanceof MethodInvocationTree) {
      if (PARALLEL_SOURCE.matches(receiver, state)) {
        return ThreadHop.UNKNOWN;
      }
      if (SEQUENTIAL_SOURCE.matches(receiver, state)) {
        return ThreadHop.SAME_THREAD;
      }
      if (!STREAM_OPERATION.matches(receiver, state)) {
        break;
      }
      receiver = ASTHelpers.getReceiver(receiver);
    }
    // A stream from a variable, a parameter or an unknown method: its mode is not known here.
    return ThreadHop.UNKNOWN;
  }

  static boolean isSubtype(Type type, String supertypeName, VisitorState state) {
    Type supertype = state.getTypeFromString(supertypeName);
    return type != null
        && supertype != null
        && ASTHelpers.isSubtype(type, state.getTypes().erasure(supertype), state);
  }
}
