package io.miguard.mi.stress;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.miguard.mi.CancellationReason;
import io.miguard.mi.Identity;
import io.miguard.mi.MiException;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiResult;
import io.miguard.mi.ResultAcknowledgement;
import io.miguard.mi.stress.StressCallbacks.Acknowledging;
import io.miguard.mi.stress.StressCallbacks.ClosingInCallback;
import io.miguard.mi.stress.StressOperation.Started;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One asynchronous operation driven through a random sequence of refused retrievals, closes and
 * cancels as other identities (and acknowledgements, with manual acknowledgement), cancels and
 * closes at any moment, while its callbacks may acknowledge, hold back or close it themselves.
 * Checks that close never blocks, that the callbacks receive exactly one final result as the
 * starting identity, and that the final result reports what the operation did or how it was ended.
 */
final class AsyncRun {
  private static final int MAX_STEPS = 6;

  /** A close of an asynchronous operation never blocks; this only bounds a slow machine. */
  private static final long CLOSE_NANOS_BOUND = TimeUnit.SECONDS.toNanos(2);

  private static final long FINAL_WAIT_SECONDS = 20;

  private final Actor actor;
  private final Identity owner;
  private final MiOperation op;
  private final Expectation expectation;
  private final Started started;
  private final StressCallbacks callbacks;
  private final Acknowledging acknowledging;
  private final ClosingInCallback closingInCallback;
  private final boolean timesOut;

  private boolean endedEarly; // the owner cancelled or closed it before its final result arrived
  private boolean closedByOwner;

  AsyncRun(
      Actor actor,
      Identity owner,
      Started started,
      StressCallbacks callbacks,
      Acknowledging acknowledging,
      ClosingInCallback closingInCallback,
      boolean timesOut) {
    this.actor = actor;
    this.owner = owner;
    this.started = started;
    this.op = started.operation();
    this.expectation = started.expectation();
    this.callbacks = callbacks;
    this.acknowledging = acknowledging;
    this.closingInCallback = closingInCallback;
    this.timesOut = timesOut;
  }

  /**
   * Drives the operation to its final result and close, or, if {@code abandon}, leaves it open
   * unless it was closed by then. Returns whether it was left open.
   */
  boolean run(boolean abandon) throws InterruptedException {
    assertThat(op.isSynchronous()).isFalse();
    int steps = actor.random.nextInt(MAX_STEPS + 1);
    for (int i = 0; i < steps; i++) {
      step();
    }
    if (abandon && !closedByOwner) {
      actor.tally.event("async operation abandoned to its session's close");
      return true;
    }
    finish();
    check();
    return false;
  }

  MiOperation operation() {
    return op;
  }

  /**
   * Closes an abandoned operation after its session refused to close over it (MI rule 7), then
   * checks that its callbacks received one final result.
   */
  void closeAbandoned() throws InterruptedException {
    assertThat(op.isClosed()).isFalse();
    close();
    assertWithMessage("final result of %s after its session closed", op)
        .that(callbacks.awaitFinal(FINAL_WAIT_SECONDS, TimeUnit.SECONDS))
        .isTrue();
    assertThat(callbacks.problems).isEmpty();
  }

  private void step() throws InterruptedException {
    switch (actor.random.nextInt(8)) {
      case 0 ->
          actor.refusedAs(
              owner,
              Violation.RETRIEVE_ASYNCHRONOUS,
              () -> Retrievals.retrieveAny(op, actor.random));
      case 1 -> foreign(Violation.CLOSE_AS_ANOTHER_IDENTITY, op::close);
      case 2 ->
          foreign(Violation.CANCEL_AS_ANOTHER_IDENTITY, () -> op.cancel(CancellationReason.NONE));
      case 3 -> acknowledgeAsAnotherIdentity();
      case 4 -> acknowledgePending();
      case 5 -> {
        noteEnding();
        actor.contexts.as(owner, () -> op.cancel(CancellationReason.SHUTDOWN));
        actor.tally.event("async cancel");
      }
      case 6 -> close();
      default -> callbacks.awaitFinal(1, TimeUnit.MILLISECONDS); // let the delivery run ahead
    }
  }

  /**
   * A close or cancel as another identity: refused with ACCESS_DENIED, unless the operation is
   * already closed (by its own callback, possibly at this very moment), when both do nothing.
   */
  private void foreign(Violation violation, Runnable action) {
    Identity other = actor.contexts.otherThan(owner);
    boolean mayBeClosed = closedByOwner || closingInCallback != ClosingInCallback.NO;
    if (!mayBeClosed) {
      actor.refusedAs(other, violation, action::run);
      assertThat(op.isClosed()).isFalse();
      return;
    }
    MiException refusal =
        actor.contexts.as(
            other,
            () -> {
              try {
                action.run();
                return null;
              } catch (MiException e) {
                return e;
              }
            });
    if (refusal == null) {
      assertWithMessage("%s did nothing, so the operation was closed", violation)
          .that(op.isClosed())
          .isTrue();
    } else {
      assertThat(refusal.result()).isEqualTo(violation.expected);
      actor.tally.refused(violation, refusal.result());
    }
  }

  private void acknowledgeAsAnotherIdentity() {
    ResultAcknowledgement ack = callbacks.pendingAcknowledgements.peek();
    if (ack != null) {
      actor.refusedAs(
          actor.contexts.otherThan(owner),
          Violation.ACKNOWLEDGE_AS_ANOTHER_IDENTITY,
          ack::acknowledge);
    }
  }

  private void acknowledgePending() {
    List<ResultAcknowledgement> acks = new ArrayList<>();
    callbacks.pendingAcknowledgements.drainTo(acks);
    if (!acks.isEmpty()) {
      actor.contexts.as(owner, () -> acks.forEach(ResultAcknowledgement::acknowledge));
    }
  }

  private void close() {
    noteEnding();
    long start = System.nanoTime();
    actor.contexts.as(owner, op::close);
    long took = System.nanoTime() - start;
    assertWithMessage("close of %s took %s ms", op, took / 1_000_000)
        .that(took)
        .isLessThan(CLOSE_NANOS_BOUND);
    assertThat(op.isClosed()).isTrue();
    closedByOwner = true;
  }

  private void noteEnding() {
    if (!callbacks.finalDelivered()) {
      endedEarly = true;
    }
  }

  /** Ends what cannot end by itself, lets the results flow, waits for the final one, closes. */
  private void finish() throws InterruptedException {
    boolean stuck = expectation.endless() || acknowledging == Acknowledging.NEVER;
    if (stuck && !closedByOwner && !timesOut) {
      if (actor.random.nextBoolean()) {
        close();
      } else {
        noteEnding();
        actor.contexts.as(owner, () -> op.cancel(CancellationReason.NONE));
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FINAL_WAIT_SECONDS);
    // With acknowledgement by the worker, the results flow only as fast as it acknowledges.
    while (!callbacks.awaitFinal(1, TimeUnit.MILLISECONDS)) {
      acknowledgePending();
      assertWithMessage("final result of %s delivered in time", op)
          .that(System.nanoTime() - deadline)
          .isLessThan(0L);
    }
    if (!closedByOwner) {
      close();
    }
  }

  private void check() {
    assertWithMessage("problems of %s", op).that(callbacks.problems).isEmpty();
    MiResult code = callbacks.finalCode();
    String message = callbacks.finalMessage() == null ? "" : callbacks.finalMessage();
    boolean ended =
        endedEarly
            || timesOut
            || closingInCallback == ClosingInCallback.ON_FIRST_RESULT && expectation.multiple();
    if (expectation.endless()) {
      assertWithMessage("final result of %s: %s %s", op, code, message)
          .that(code)
          .isEqualTo(MiResult.FAILED);
    } else if (ended) {
      assertWithMessage("final result of %s ended early: %s %s", op, code, message)
          .that(code == expectation.code() || code == MiResult.FAILED)
          .isTrue();
    } else {
      assertWithMessage("final result of %s: %s", op, message)
          .that(code)
          .isEqualTo(expectation.code());
    }
    if (code == expectation.code() && !expectation.endless()) {
      if (expectation.multiple() && expectation.count() >= 0) {
        assertWithMessage("results of %s", op)
            .that(callbacks.results())
            .isEqualTo(expectation.count());
      }
      if (!expectation.multiple() && code == MiResult.OK) {
        assertWithMessage("final payload of %s", op)
            .that(expectation.finalPayload().test(callbacks.finalPayload()))
            .isTrue();
        started.whenFinal().accept(code, callbacks.finalPayload());
      }
      if (code == MiResult.ACCESS_DENIED) {
        actor.tally.refused(Violation.READ_SECURITY_AS_OUTSIDER, code);
      }
    } else if (expectation.count() >= 0) {
      assertWithMessage("results of %s", op)
          .that(callbacks.results())
          .isAtMost(expectation.count());
    }
    assertThat(op.isClosed()).isTrue();
    actor.refusedAs(
        owner, Violation.RETRIEVE_AFTER_CLOSE, () -> Retrievals.retrieveAny(op, actor.random));
  }
}
