package io.miguard.mi.stress;

import io.miguard.mi.ClassResult;
import io.miguard.mi.Identity;
import io.miguard.mi.IndicationResult;
import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiOperationCallbacks;
import io.miguard.mi.MiResult;
import io.miguard.mi.ResultAcknowledgement;
import io.miguard.mi.SecurityContext;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The callbacks of one asynchronous stress operation: they record what arrives, check that every
 * delivery runs as the identity that started the operation and that nothing follows the final
 * result, and act as the worker chose: acknowledge in the callback, leave acknowledgements to the
 * worker, or never acknowledge; close the operation from its own callback; and, if asked, try to
 * close the session and the application from the final callback, which the binding must refuse (MI
 * rule 7), counting each refusal in the tally.
 */
final class StressCallbacks implements MiOperationCallbacks {
  /** Who acknowledges results (manual acknowledgement only). */
  enum Acknowledging {
    /** The operation uses automatic acknowledgement. */
    AUTOMATIC,
    /** The callback acknowledges before it returns. */
    IN_CALLBACK,
    /** The worker acknowledges later, from its own thread. */
    BY_WORKER,
    /** Nobody: the operation waits until it is cancelled or closed. */
    NEVER
  }

  /** Whether the callback closes its own operation. */
  enum ClosingInCallback {
    NO,
    ON_FIRST_RESULT,
    ON_FINAL_RESULT
  }

  private final Identity owner;
  private final Acknowledging acknowledging;
  private final ClosingInCallback closing;
  private final Tally closesRefusedBy;
  private final CountDownLatch finalDelivered = new CountDownLatch(1);

  /** Acknowledgements the worker is to give. */
  final BlockingQueue<ResultAcknowledgement> pendingAcknowledgements = new LinkedBlockingQueue<>();

  /** Everything that broke the contract, described; must stay empty. */
  final List<String> problems = new CopyOnWriteArrayList<>();

  private volatile int results;
  private volatile boolean delivered;
  private volatile MiResult finalCode;
  private volatile String finalMessage;
  private volatile Object finalPayload;

  /**
   * @param closesRefusedBy if non-null, the final callback tries to close the session and the
   *     application, and counts their refusals here
   */
  StressCallbacks(
      Identity owner,
      Acknowledging acknowledging,
      ClosingInCallback closing,
      Tally closesRefusedBy) {
    this.owner = owner;
    this.acknowledging = acknowledging;
    this.closing = closing;
    this.closesRefusedBy = closesRefusedBy;
  }

  @Override
  public void instanceResult(
      MiOperation operation, InstanceResult result, ResultAcknowledgement ack) {
    receive(
        operation,
        result.instance(),
        result.moreResults(),
        result.resultCode(),
        result.errorMessage(),
        ack);
  }

  @Override
  public void indicationResult(
      MiOperation operation, IndicationResult result, ResultAcknowledgement ack) {
    receive(
        operation,
        result.instance(),
        result.moreResults(),
        result.resultCode(),
        result.errorMessage(),
        ack);
  }

  @Override
  public void classResult(MiOperation operation, ClassResult result, ResultAcknowledgement ack) {
    receive(
        operation,
        result.cimClass(),
        result.moreResults(),
        result.resultCode(),
        result.errorMessage(),
        ack);
  }

  @Override
  public void writeError(MiOperation operation, MiInstance error) {
    problems.add("writeError was called (no callback throws): " + error);
  }

  // One delivery thread per operation calls these in turn: plain fields written here are read by
  // the worker only after finalDelivered, which publishes them.
  private void receive(
      MiOperation operation,
      Object payload,
      boolean more,
      MiResult code,
      String message,
      ResultAcknowledgement ack) {
    // The payload is borrowed until this callback returns (MI rule 5): keep an owned copy.
    Object kept = Retrievals.ownedCopy(payload);
    if (!SecurityContext.current().equals(owner)) {
      problems.add(
          "a result of " + operation + " was delivered as " + SecurityContext.current().name());
    }
    if (delivered) {
      problems.add("a result of " + operation + " arrived after its final result");
      return;
    }
    if (more) {
      results++;
      if (payload == null) {
        problems.add("a non-final result of " + operation + " carries nothing");
      }
      if (code != MiResult.OK) {
        problems.add("a non-final result of " + operation + " reports " + code);
      }
      switch (acknowledging) {
        case IN_CALLBACK -> ack.acknowledge();
        case BY_WORKER -> pendingAcknowledgements.add(ack);
        case AUTOMATIC, NEVER -> {}
      }
    }
    if (!more && closesRefusedBy != null) {
      expectRefusal(
          operation, Violation.CLOSE_SESSION_IN_CALLBACK, () -> operation.getSession().close());
      expectRefusal(
          operation,
          Violation.CLOSE_APPLICATION_IN_CALLBACK,
          () -> operation.getSession().getApplication().close());
    }
    boolean close =
        closing == ClosingInCallback.ON_FINAL_RESULT && !more
            || closing == ClosingInCallback.ON_FIRST_RESULT && results + (more ? 0 : 1) == 1;
    if (close) {
      try {
        operation.close();
      } catch (RuntimeException e) {
        problems.add("closing " + operation + " from its own callback threw " + e);
      }
    }
    if (!more) {
      finalCode = code;
      finalMessage = message;
      finalPayload = kept;
      delivered = true;
      finalDelivered.countDown();
    }
  }

  /** Runs a close MI forbids in a callback: it must be refused naming the callback and rule 7. */
  private void expectRefusal(MiOperation operation, Violation violation, Runnable close) {
    try {
      close.run();
      problems.add(violation + " from a callback of " + operation + " was not refused");
    } catch (MiException refused) {
      // The operation's description ends with its state, which another thread may change (its
      // owner closing it) between the refusal and this check: match the part that names it.
      String described = operation.toString();
      String named = described.substring(0, described.indexOf('[') + 1);
      if (refused.result() != violation.expected
          || !refused.errorMessage().contains("callback of " + named)
          || !refused.errorMessage().contains("MI rule 7")) {
        problems.add(violation + " from a callback of " + operation + " threw " + refused);
      } else {
        closesRefusedBy.refused(violation, refused.result());
      }
    }
  }

  /** Waits for the final result, at most {@code timeout}; false if it did not come. */
  boolean awaitFinal(long timeout, TimeUnit unit) throws InterruptedException {
    return finalDelivered.await(timeout, unit);
  }

  boolean finalDelivered() {
    return finalDelivered.getCount() == 0;
  }

  int results() {
    return results;
  }

  MiResult finalCode() {
    return finalCode;
  }

  String finalMessage() {
    return finalMessage;
  }

  Object finalPayload() {
    return finalPayload;
  }
}
