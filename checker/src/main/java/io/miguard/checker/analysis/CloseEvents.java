package io.miguard.checker.analysis;

import static java.util.Objects.requireNonNull;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/** Groups the closes a body's transfer function observed into {@link CloseEvent}s. */
final class CloseEvents {
  private CloseEvents() {}

  static List<CloseEvent> build(BodyRecorder recorder, BodySetup setup) {
    Map<Tree, CloseEvent.Kind> kinds = new LinkedHashMap<>();
    Map<Tree, String> names = new IdentityHashMap<>();
    Map<Tree, List<ClosePath>> paths = new IdentityHashMap<>();
    for (BodyRecorder.Close close : recorder.closes.values()) {
      Tree report = reportTree(close.node(), close, setup);
      if (report == null) {
        continue;
      }
      OperationStore store = close.store();
      kinds.putIfAbsent(report, close.kind());
      names.computeIfAbsent(report, r -> nameOf(r, close, setup));
      List<ClosePath> reportPaths = paths.computeIfAbsent(report, r -> new ArrayList<>());
      reportPaths.add(
          new ClosePath(
              store.joinedState(close.target().operations()),
              store.context(),
              !(store.followedByDefault()
                  && setup.exceptionalEdgeRule().followedAt(store.unwinding(), report)),
              outside(store.lastStep(), report)));
      OperationState dominated = store.joinedDominatedState(close.target().operations());
      if (dominated != null) {
        // The exceptional-only paths a path followed by default dominated on the way here.
        reportPaths.add(new ClosePath(dominated, store.context(), true, null));
      }
    }
    List<CloseEvent> events = new ArrayList<>();
    kinds.forEach(
        (report, kind) ->
            events.add(
                new CloseEvent(
                    kind,
                    report,
                    requireNonNull(names.get(report)),
                    requireNonNull(paths.get(report)))));
    return events;
  }

  /** A step that is part of the close itself (its receiver) says nothing about the path. */
  private static @Nullable Tree outside(@Nullable Tree step, Tree close) {
    return Positions.contains(close, step) ? null : step;
  }

  /** The resource declaration for an implicit close; the recorded tree otherwise. */
  private static @Nullable Tree reportTree(Node node, BodyRecorder.Close close, BodySetup setup) {
    if (close.kind() != CloseEvent.Kind.TRY_WITH_RESOURCES) {
      return close.tree();
    }
    Node receiver = ((MethodInvocationNode) node).getTarget().getReceiver();
    Symbol variable = ASTHelpers.getSymbol(receiver.getTree());
    return setup.resourceOf(variable);
  }

  private static String nameOf(Tree report, BodyRecorder.Close close, BodySetup setup) {
    Tree operation =
        switch (close.kind()) {
          case TRY_WITH_RESOURCES -> report;
          case EXPLICIT -> receiverOf(close.tree());
          case METHOD_REFERENCE -> ((MemberReferenceTree) close.tree()).getQualifierExpression();
          case CLOSING_PARAMETER -> closedArgument(close, setup);
        };
    if (operation instanceof VariableTree variable) {
      return variable.getName().toString();
    }
    if (operation instanceof IdentifierTree identifier) {
      return identifier.getName().toString();
    }
    String text = setup.sourceOf(operation);
    return text != null ? text : "the operation";
  }

  static Tree receiverOf(Tree call) {
    if (call instanceof MethodInvocationTree invocation
        && invocation.getMethodSelect() instanceof MemberSelectTree select) {
      return select.getExpression();
    }
    return call;
  }

  /** The argument of a closing call that denotes the closed operation (the first one that does). */
  private static Tree closedArgument(BodyRecorder.Close close, BodySetup setup) {
    if (close.tree() instanceof MethodInvocationTree call
        && (Symbol) ASTHelpers.getSymbol(call) instanceof Symbol.MethodSymbol method) {
      List<? extends ExpressionTree> arguments = call.getArguments();
      for (int i = 0; i < arguments.size(); i++) {
        if (setup.model().closesParameter(method, i)) {
          return arguments.get(i);
        }
      }
    }
    return close.tree();
  }
}
