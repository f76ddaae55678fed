package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import org.jspecify.annotations.Nullable;

/**
 * The result of analysing one body (a method, constructor, initializer, lambda, or a member of an
 * anonymous or local class): its close events, and the state at normal exit of its parameters and
 * receiver.
 */
public final class BodyAnalysis {
  private final TreePath path;
  private final BodyEntry entry;
  private final ImmutableList<CloseEvent> closeEvents;
  private final @Nullable OperationStore exitStore;
  private final @Nullable OperationId receiver;
  private final Map<Tree, OperationStore> creations;
  private final List<BodyRecorder.Return> returns;
  private final ProtocolEvents events;

  BodyAnalysis(
      TreePath path,
      BodyEntry entry,
      List<CloseEvent> closeEvents,
      @Nullable OperationStore exitStore,
      @Nullable OperationId receiver,
      Map<Tree, OperationStore> creations,
      List<BodyRecorder.Return> returns,
      ProtocolEvents events) {
    this.path = path;
    this.entry = entry;
    this.closeEvents = ImmutableList.copyOf(closeEvents);
    this.exitStore = exitStore;
    this.receiver = receiver;
    this.creations = creations;
    this.returns = returns;
    this.events = events;
  }

  /** Every retrieval from an operation in the body. */
  public ImmutableList<RetrievalEvent> retrievals() {
    return events.retrievals();
  }

  /** Every read of a borrowed object after its release, on all paths to the read or some. */
  public ImmutableList<StaleRead> staleReads() {
    return events.staleReads();
  }

  /** Every close of a session or of the application in the body. */
  public ImmutableList<HandleCloseEvent> handleCloses() {
    return events.handleCloses();
  }

  /**
   * The operations the body started and still holds (not escaped to code the analysis cannot see,
   * not captured) that are not closed on some path to normal completion; empty if the body never
   * completes normally.
   */
  public ImmutableList<OperationState> unclosedAtNormalExit() {
    if (exitStore == null) {
      return ImmutableList.of();
    }
    Tree code = codeTree();
    ImmutableList.Builder<OperationState> unclosed = ImmutableList.builder();
    exitStore
        .operations()
        .forEach(
            (id, state) -> {
              if (ProtocolEvents.heldOpen(state, code)) {
                unclosed.add(state);
              }
            });
    return unclosed.build();
  }

  /** The code of the body (a method's block, a lambda's body, the initializer). */
  private Tree codeTree() {
    Tree leaf = path.getLeaf();
    if (leaf instanceof MethodTree method && method.getBody() != null) {
      return method.getBody();
    }
    if (leaf instanceof LambdaExpressionTree lambda) {
      return lambda.getBody();
    }
    return leaf;
  }

  /** The path to the body's tree (a method, lambda, initializer block or field). */
  public TreePath path() {
    return path;
  }

  /** How the body is entered. */
  public BodyEntry entry() {
    return entry;
  }

  /** Every close of an operation in the body, in source order of first appearance in the CFG. */
  public ImmutableList<CloseEvent> closeEvents() {
    return closeEvents;
  }

  /** Whether the body can complete normally (return or fall off its end). */
  public boolean returnsNormally() {
    return exitStore != null;
  }

  /**
   * The state, at normal exit, of the operation a parameter of the body refers to on entry; null if
   * the parameter is not an operation or the body never returns normally.
   */
  public @Nullable OperationState parameterAtNormalExit(Element parameter) {
    return exitStore == null ? null : exitStore.operation(OperationId.of(parameter));
  }

  /**
   * The state at normal exit of the receiver of a {@code @DrainsResults} method of a handle type;
   * null for other bodies or if it never returns normally.
   */
  public @Nullable OperationState receiverAtNormalExit() {
    return exitStore == null || receiver == null ? null : exitStore.operation(receiver);
  }

  /** The last source step on the paths that reach normal exit, for witnesses. */
  public @Nullable Tree lastStepAtNormalExit() {
    return exitStore == null ? null : exitStore.lastStep();
  }

  /** The store of this body where the nested body {@code nested} is created, if it is. */
  @Nullable OperationStore storeWhereCreated(Tree nested) {
    return creations.get(nested);
  }

  List<BodyRecorder.Return> returns() {
    return returns;
  }

  /**
   * An operation the body returns, on one of its returns: its state there (null if the store does
   * not know it) and that return's store.
   */
  record ReturnedOperation(OperationId id, @Nullable OperationState state, OperationStore store) {}

  /**
   * The operations the body returns, return by return (a {@code return null} adds none); null if
   * some return gives something else than null or operations. For the callers that ask whether the
   * body hands out an operation it started (a factory, a run-as body that returns its operation).
   */
  @Nullable List<ReturnedOperation> returnedOperations() {
    List<ReturnedOperation> result = new ArrayList<>();
    for (BodyRecorder.Return returned : returns) {
      Value value = returned.value();
      if (value.is(Value.Kind.NULL)) {
        continue;
      }
      if (!value.is(Value.Kind.OPERATION)) {
        return null;
      }
      for (OperationId id : value.operations()) {
        result.add(new ReturnedOperation(id, returned.store().operation(id), returned.store()));
      }
    }
    return result;
  }

  @Nullable OperationStore exitStore() {
    return exitStore;
  }
}
