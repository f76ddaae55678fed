package io.miguard.checker.analysis;

import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * The forward dataflow analysis of one body with {@link OperationTransfer}. The library does not
 * call the transfer function on the target of an assignment ({@code a[i] = v}, {@code other.f = v})
 * and sends the store before it along that node's exceptional edges as it is, untagged: here the
 * transfer function gives those edges their stores, so that the exception of an array store or of a
 * field written through another receiver follows the exceptional-edge rule ({@link
 * ExceptionalEdges}) like every other.
 *
 * <p>The library also sends one store per exception type to every block that may catch it: the part
 * of an exception that a narrow handler does not catch gets the store of the part it does. Where
 * such a store enters a block outside the {@code try} statements whose handlers the rule follows it
 * into (the implicit close of an enclosing try-with-resources, an enclosing {@code finally}), it is
 * the uncaught part, followed nowhere: {@link OperationTransfer#enteringBlock} says so before it
 * joins the paths that are followed there.
 */
final class OperationDataflow
    extends ForwardAnalysisImpl<Value, OperationStore, OperationTransfer> {
  private final OperationTransfer transfer;

  OperationDataflow(OperationTransfer transfer) {
    super(transfer);
    this.transfer = transfer;
  }

  @Override
  protected void addStoreBefore(
      Block block,
      @Nullable Node node,
      OperationStore store,
      Store.Kind kind,
      boolean addBlockToWorklist) {
    super.addStoreBefore(
        block, node, transfer.enteringBlock(block, store), kind, addBlockToWorklist);
  }

  @Override
  protected TransferResult<Value, OperationStore> callTransferFunction(
      Node node, TransferInput<Value, OperationStore> input) {
    if (node.isLValue()) {
      return transfer.assignmentTarget(node, input);
    }
    return super.callTransferFunction(node, input);
  }
}
