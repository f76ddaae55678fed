package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.UnionClassType;
import com.sun.tools.javac.code.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import javax.lang.model.type.TypeMirror;
import org.checkerframework.errorprone.dataflow.cfg.node.CatchMarkerNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ThrowNode;
import org.jspecify.annotations.Nullable;

/**
 * The exceptional-edge rule: which exceptional edges of a body the checks follow by default, and
 * which only with their {@code ExceptionalPaths=true} option.
 *
 * <p>An exception that a node of the body may throw is <b>followed by default</b> into a handler
 * ({@code catch}) of the same body when:
 *
 * <ol>
 *   <li>it comes from a {@code throw} statement written in the body (followed everywhere, also when
 *       it leaves the body);
 *   <li>the called method or constructor declares it in its {@code throws} clause (checked, or
 *       unchecked like the binding's {@code MiException}), whatever the handler's type, a catch-all
 *       included;
 *   <li>it is an unchecked exception the call does not declare (or an implicit one: an array
 *       access, an integer division or remainder, a cast, an {@code assert}, a field written
 *       through another receiver), and the handler is narrower than {@code RuntimeException} and
 *       {@code Error} ({@code catch (NumberFormatException e)}: the code says it expects it).
 * </ol>
 *
 * <p>A method of the binding (one that carries the {@code io.miguard.annotations} vocabulary, or
 * whose type does) throws only what it declares: {@code MiOperation#getInstance} and {@code
 * drainInstances} declare {@code throws MiException}, {@code Impersonation#close} nothing. Its
 * undeclared exceptions are no path at all, with any option: a binding call inside {@code catch
 * (IllegalStateException e)} does not reach that handler. A binding method that acts on no
 * operation, session or application (an accessor of a result's borrowed object such as {@code
 * MiInstance#className}) throws what it declares only when the object was released, a misuse that
 * {@code MiResultUsedAfterRetrieval} reports: its declared exceptions are no path either, so {@code
 * try { try (op) { for (x : op.instances()) x.className(); } } catch (RuntimeException e) {}} is
 * not reported through {@code className()}.
 *
 * <p>Every other exceptional path is <b>exceptional only</b>: an undeclared unchecked exception
 * that only a catch-all ({@code catch (Exception | RuntimeException | Throwable | Error e)})
 * catches, and any exception from a call that leaves the body (through a {@code finally} or the
 * implicit close of a try-with-resources on its way out). A path stays exceptional only after its
 * handler: code that runs after a catch-all caught an undeclared exception, and a {@code throw}
 * written there, are on that path too.
 *
 * <p>A close in a {@code finally} block (or the implicit close of a try-with-resources) that runs
 * while an exception unwinds is on a path followed by default when that exception is: it is thrown
 * by a {@code throw} statement, or caught further out in the body by a handler rule 2 or 3 follows.
 *
 * <p>For example, around {@code try (MiOperation op = start()) { for (...) total +=
 * Long.parseLong(s); }}, a {@code catch (NumberFormatException e)} puts the implicit close on a
 * path followed by default (rule 3), a {@code catch (Exception e)} does not; {@code int x = a[0];}
 * before the drain is never such a path unless a narrow handler such as {@code catch
 * (ArrayIndexOutOfBoundsException e)} catches it.
 *
 * <p>A {@code NullPointerException} on the null receiver of a call or field read, and an exception
 * from reading a component of a result record, are no paths at all (see {@code OperationTransfer}).
 */
final class ExceptionalEdges {

  /**
   * What is known of an exception while it unwinds through the body, from the node that threw it to
   * the handler that catches it.
   *
   * @param thrown whether a {@code throw} statement of the body threw it (followed everywhere)
   * @param followedCatches the handlers of the body into which the rule follows it
   */
  record Unwinding(boolean thrown, ImmutableSet<CatchTree> followedCatches) {
    /** An exception the rule follows into no handler, and that does not come from a throw. */
    static final Unwinding UNFOLLOWED = new Unwinding(false, ImmutableSet.of());

    /** A {@code throw} statement's exception. */
    static final Unwinding THROWN = new Unwinding(true, ImmutableSet.of());

    /** Whether the rule follows this exception somewhere (so a close it unwinds through). */
    boolean followed() {
      return thrown || !followedCatches.isEmpty();
    }

    /** Whether the rule follows this exception into {@code handler}. */
    boolean followedInto(@Nullable CatchTree handler) {
      return thrown || (handler != null && followedCatches.contains(handler));
    }

    static @Nullable Unwinding join(@Nullable Unwinding a, @Nullable Unwinding b) {
      if (a == null || a.equals(b)) {
        return b == null ? a : b;
      }
      if (b == null) {
        return a;
      }
      return new Unwinding(
          a.thrown || b.thrown,
          ImmutableSet.<CatchTree>builder()
              .addAll(a.followedCatches)
              .addAll(b.followedCatches)
              .build());
    }
  }

  private final ProtocolModel model;
  private final Types types;
  private final Type runtimeException;
  private final Type error;

  /** The body's try statements with catches, innermost first among those that nest. */
  private final List<TryTree> tries;

  /** Where each try block ends (Error Prone's end positions). */
  private final Map<TryTree, Integer> blockEnds = new IdentityHashMap<>();

  private final Map<Node, Map<TypeMirror, Optional<Unwinding>>> known = new IdentityHashMap<>();

  ExceptionalEdges(
      ProtocolModel model, Symtab symtab, List<TryTree> tries, ToIntFunction<Tree> endPositions) {
    this.model = model;
    this.types = model.types();
    this.runtimeException = symtab.runtimeExceptionType;
    this.error = symtab.errorType;
    List<TryTree> withCatches = new ArrayList<>();
    for (TryTree tree : tries) {
      if (!tree.getCatches().isEmpty()) {
        withCatches.add(tree);
        blockEnds.put(tree, endPositions.applyAsInt(tree.getBlock()));
      }
    }
    // A try nested in another's block starts after it: the innermost come first.
    withCatches.sort(Comparator.comparingInt((TryTree t) -> Positions.start(t)).reversed());
    this.tries = withCatches;
  }

  /**
   * The unwinding of an exception of type {@code thrown} that {@code origin} throws, when {@code
   * origin} is not a {@code throw} statement (whose exception is {@link Unwinding#THROWN}); null if
   * {@code origin} does not throw it (an undeclared exception of a binding method: that edge is
   * taken on no path).
   */
  @Nullable Unwinding of(Node origin, TypeMirror thrown) {
    Map<TypeMirror, Optional<Unwinding>> byType =
        known.computeIfAbsent(origin, n -> new IdentityHashMap<>());
    return byType
        .computeIfAbsent(thrown, t -> Optional.ofNullable(compute(origin, t)))
        .orElse(null);
  }

  private @Nullable Unwinding compute(Node origin, TypeMirror thrownType) {
    if (!(thrownType instanceof Type thrown)) {
      return Unwinding.UNFOLLOWED;
    }
    MethodSymbol called = calledBy(origin);
    boolean declared = called != null && declares(called, thrown) && !throwsOnlyOnMisuse(called);
    if (!declared && called != null && model.isBindingMethod(called)) {
      return null;
    }
    if (tries.isEmpty()) {
      return Unwinding.UNFOLLOWED;
    }
    int position = positionOf(origin);
    Set<CatchTree> followed = new LinkedHashSet<>();
    for (TryTree tree : tries) {
      if (!guards(tree, position)) {
        continue;
      }
      for (CatchTree handler : tree.getCatches()) {
        boolean definitely = false;
        boolean eligible = false;
        for (Type caught : alternatives(handler)) {
          boolean surely = types.isSubtype(thrown, caught);
          if (surely || types.isSubtype(caught, thrown)) {
            definitely |= surely;
            eligible |= declared || isNarrow(caught);
          }
        }
        if (eligible) {
          followed.add(handler);
        }
        if (definitely) {
          return new Unwinding(false, ImmutableSet.copyOf(followed));
        }
      }
    }
    return followed.isEmpty()
        ? Unwinding.UNFOLLOWED
        : new Unwinding(false, ImmutableSet.copyOf(followed));
  }

  /**
   * Whether a close at {@code where}, reached by an exception unwinding as {@code unwinding}, is on
   * the way to a handler the rule follows it into: inside the {@code try} (its resources or block)
   * that owns one of those handlers. The part of an exception that no followed handler catches goes
   * on past them (a narrow handler catches only its own type), and a close it meets outside their
   * {@code try} statements is on an exceptional-only path.
   */
  boolean followedAt(@Nullable Unwinding unwinding, @Nullable Tree where) {
    if (unwinding == null
        || unwinding.thrown()
        || unwinding.followedCatches().isEmpty()
        || where == null) {
      return true;
    }
    int position = Positions.start(where);
    if (position < 0) {
      return true; // no position to judge by: as before this rule
    }
    for (TryTree tree : tries) {
      for (CatchTree handler : tree.getCatches()) {
        if (unwinding.followedCatches().contains(handler)
            && Positions.start(tree) <= position
            && position < Positions.start(handler)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The handler whose block a {@code start of catch block} marker opens, if found. */
  @Nullable CatchTree handlerOf(CatchMarkerNode marker) {
    if (!(marker.getTree() instanceof TryTree tree)) {
      return null;
    }
    TypeMirror type = marker.getCatchType();
    for (CatchTree handler : tree.getCatches()) {
      Type declared = ASTHelpers.getType(handler.getParameter().getType());
      if (declared == type || (declared != null && types.isSameType(declared, (Type) type))) {
        return handler;
      }
    }
    return null;
  }

  /** Whether an exception at {@code position} is one {@code tree}'s handlers may catch. */
  private boolean guards(TryTree tree, int position) {
    Integer end = blockEnds.get(tree);
    return position >= Positions.start(tree) && end != null && position < end;
  }

  /** A handler narrower than {@code RuntimeException} and {@code Error}: it expects something. */
  private boolean isNarrow(Type caught) {
    return !types.isSubtype(runtimeException, caught) && !types.isSubtype(error, caught);
  }

  private static Iterable<? extends Type> alternatives(CatchTree handler) {
    Type type = ASTHelpers.getType(handler.getParameter().getType());
    if (type instanceof UnionClassType union) {
      return union.getAlternativeTypes();
    }
    return type == null ? List.of() : List.of(type);
  }

  /**
   * Whether {@code method} is a method of the binding, or of a type whose objects results lend out
   * (one with a {@code @CopiesResult} method), that acts on no operation, session or application:
   * an accessor of a result's borrowed object ({@code MiInstance#get}, {@code className}), which
   * throws what it declares only when the object was released, a misuse that {@code
   * MiResultUsedAfterRetrieval} reports. Its declared exceptions are treated as undeclared ones of
   * a binding method: no path.
   */
  private boolean throwsOnlyOnMisuse(MethodSymbol method) {
    boolean borrowedType =
        method.owner instanceof TypeSymbol owner && model.copyMethod(owner) != null;
    if (!(borrowedType || model.isBindingMethod(method))
        || model.isProtocolHandle(method.owner.type)) {
      return false;
    }
    return model.startsOperation(method) == null
        && !model.retrievesResult(method)
        && !model.drainsReceiver(method)
        && !model.closesReceiver(method)
        && !model.cancels(method)
        && !model.closesSession(method)
        && !model.closesApplication(method)
        && !model.entersSecurityContextAtAll(method)
        && !model.leavesSecurityContext(method)
        && !model.runsAs(method);
  }

  private boolean declares(MethodSymbol method, Type thrown) {
    for (Type declared : method.getThrownTypes()) {
      if (types.isSubtype(thrown, declared)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable MethodSymbol calledBy(Node origin) {
    if (origin instanceof MethodInvocationNode call
        && call.getTarget().getMethod() instanceof MethodSymbol method) {
      return method;
    }
    if (origin instanceof ObjectCreationNode creation) {
      return ASTHelpers.getSymbol(creation.getTree());
    }
    return null;
  }

  /** Where {@code origin} is in the source (an {@code assert}'s throw has no tree of its own). */
  private static int positionOf(Node origin) {
    Tree tree = origin.getTree();
    if (tree == null && origin instanceof ThrowNode node) {
      tree = node.getExpression().getTree();
    }
    return tree == null ? -1 : Positions.start(tree);
  }
}
