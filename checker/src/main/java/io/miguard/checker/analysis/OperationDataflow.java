package io.miguard.checker.analysis;

import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;

/**
 * The forward dataflow analysis of one body with {@link OperationTransfer}. The library does not
 * call the transfer function on the target of an assignment ({@code a[i] = v}, {@code other.f = v})
 * and sends the store before it along that node's exceptional edges as it is, untagged: here the
 * transfer function gives those edges their stores, so that the exception of an array store or of a
 * field written through another receiver follows the exceptional-edge rule ({@link
 * ExceptionalEdges}) like every other.
 */
final class OperationDataflow
    extends ForwardAnalysisImpl<Value, OperationStore, OperationTransfer> {
  private final OperationTransfer transfer;

  OperationDataflow(OperationTransfer transfer) {
    super(transfer);
    this.transfer = transfer;
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
