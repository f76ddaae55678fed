package io.miguard.checker.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How bodies are entered, and in which security context code runs: on its callers' context, as an
 * {@code @OperationCallbacks} method, under a {@code @RunsAs} identity, on another thread (as
 * {@link ThreadHops} proves), or where it was created.
 */
final class BodyEntries {
  private final ProtocolModel model;

  BodyEntries(ProtocolModel model) {
    this.model = model;
  }

  /** The entry of a body its callers enter: a method, constructor or initializer. */
  BodyEntry topLevel(Tree leaf) {
    MethodTree callback = callbackMethod(leaf);
    if (callback != null) {
      return new BodyEntry(BodyEntry.Kind.CALLBACK, false, callbackContext(callback), null);
    }
    return new BodyEntry(
        BodyEntry.Kind.METHOD,
        false,
        ContextStack.startingWith(new ContextEntry(ContextEntry.Kind.METHOD_ENTRY, null, null)),
        null);
  }

  /**
   * The entry of the nested body at {@code path}, created where the enclosing body's context is
   * {@code enclosingContext}.
   */
  BodyEntry nested(
      Nesting nesting, ContextStack enclosingContext, TreePath path, VisitorState state) {
    Nesting.HandOff handOff = nesting.handOff();
    Tree call = handOff == null ? null : handOff.call();
    MethodTree callback = callbackMethod(path.getLeaf());
    if (callback != null) {
      return new BodyEntry(BodyEntry.Kind.CALLBACK, true, callbackContext(callback), call);
    }
    ContextEntry runAs = handOff == null ? null : runAsEntry(handOff, state);
    if (runAs != null) {
      return new BodyEntry(BodyEntry.Kind.RUN_AS, true, enclosingContext.push(runAs), call);
    }
    if (ThreadHops.runsOnAnotherThread(path, state)) {
      return new BodyEntry(
          BodyEntry.Kind.OTHER_THREAD,
          true,
          otherThread(call != null ? call : nesting.nested()),
          call);
    }
    return new BodyEntry(BodyEntry.Kind.SAME_THREAD, true, enclosingContext, call);
  }

  /**
   * Where code created with context {@code creation} runs (a method reference, whose body is
   * elsewhere).
   *
   * @param context as the identity of a {@code @RunsAs} call it is passed to, fresh on another
   *     thread, or as created
   * @param inline whether it runs during the call it is passed to ({@code @RunsAs}), so that the
   *     state at its creation is the state when it runs
   */
  record Placement(ContextStack context, boolean inline) {}

  Placement placementOf(Tree code, ContextStack creation, VisitorState state) {
    TreePath path = TreePaths.find(state.getPath(), code);
    if (path == null) {
      return new Placement(creation, false);
    }
    Nesting.HandOff handOff = Nesting.handOffOf(path, code);
    ContextEntry runAs = handOff == null ? null : runAsEntry(handOff, state);
    if (runAs != null) {
      return new Placement(creation.push(runAs), true);
    }
    if (ThreadHops.runsOnAnotherThread(path, state)) {
      return new Placement(otherThread(handOff != null ? handOff.call() : code), false);
    }
    return new Placement(creation, false);
  }

  private @Nullable MethodTree callbackMethod(Tree leaf) {
    return leaf instanceof MethodTree method
            && (Symbol) ASTHelpers.getSymbol(method) instanceof MethodSymbol symbol
            && model.isCallbackMethod(symbol)
        ? method
        : null;
  }

  private static ContextStack callbackContext(MethodTree method) {
    return ContextStack.startingWith(new ContextEntry(ContextEntry.Kind.CALLBACK, null, method));
  }

  private static ContextStack otherThread(Tree where) {
    return ContextStack.startingWith(new ContextEntry(ContextEntry.Kind.OTHER_THREAD, null, where));
  }

  /**
   * The entry a {@code @RunsAs} call makes for the code passed through {@code handOff}, or null if
   * the call is not one or that argument is its identity.
   */
  private @Nullable ContextEntry runAsEntry(Nesting.HandOff handOff, VisitorState state) {
    Tree call = handOff.call();
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol callee) || !model.runsAs(callee)) {
      return null;
    }
    int identity = model.identityParameter(callee);
    if (handOff.index() == identity) {
      return null;
    }
    List<? extends ExpressionTree> arguments =
        call instanceof MethodInvocationTree invocation
            ? invocation.getArguments()
            : ((NewClassTree) call).getArguments();
    ExpressionTree identityArgument =
        identity >= 0 && identity < arguments.size() ? arguments.get(identity) : null;
    return new ContextEntry(
        ContextEntry.Kind.RUN_AS,
        IdentityKey.of(identityArgument, SourceText.of(identityArgument, state)),
        call);
  }
}
