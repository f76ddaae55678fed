package io.miguard.mi.stress;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.miguard.mi.CancellationReason;
import io.miguard.mi.Identity;
import io.miguard.mi.MiException;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiResult;
import io.miguard.mi.SecurityContext;
import io.miguard.mi.stress.Retrievals.Step;
import io.miguard.mi.stress.StressOperation.Started;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One synchronous operation driven through a random sequence of retrievals, drains, cancels (also
 * from another thread while a retrieval waits), early closes and closes, retrievals and cancels as
 * other identities, until it is closed. A model of what the contract allows checks every step: each
 * violation is refused with its result and changes nothing, the final result reports what the
 * operation did (or the cancel), and the operation is closable once drained.
 */
final class SyncRun {
  /** After this many steps the run stops improvising and drains and closes. */
  private static final int MAX_STEPS = 12;

  private final Actor actor;
  private final Identity owner;
  private final MiOperation op;
  private final Expectation expectation;
  private final Started started;
  private final boolean timesOut;

  private boolean cancelled; // by the owner before the final result was taken
  private Future<?> racingCancel; // a cancel from another thread, racing the retrievals
  private boolean drained;
  private boolean closed;
  private int received;
  // The payload of the last non-final result (borrowed) and a copy of it (owned).
  private Object lastBorrowed;
  private Object lastCopy;

  SyncRun(Actor actor, Identity owner, Started started, boolean timesOut) {
    this.actor = actor;
    this.owner = owner;
    this.started = started;
    this.op = started.operation();
    this.expectation = started.expectation();
    this.timesOut = timesOut;
  }

  /**
   * Drives the operation until it is closed, or, if {@code abandon}, leaves it open midway unless
   * it was closed by then. Returns whether it was left open.
   */
  boolean run(boolean abandon) {
    assertThat(op.isSynchronous()).isTrue();
    assertThat(op.identity()).isEqualTo(owner);
    int steps = 0;
    while (!closed) {
      if (abandon && steps == 2) {
        actor.tally.event("sync operation abandoned to its session's close");
        return true;
      }
      if (++steps > MAX_STEPS) {
        finish();
      } else {
        step();
      }
    }
    afterClose();
    return false;
  }

  private void step() {
    switch (actor.random.nextInt(11)) {
      case 0, 1 -> {
        if (!drained && mayWait()) {
          retrieveOne();
        }
      }
      case 2 -> {
        if (!drained && mayWait()) {
          drain();
        }
      }
      case 3 -> cancel();
      case 4 -> cancelFromAnotherThread();
      case 5 -> close();
      case 6 ->
          actor.refusedAs(
              actor.contexts.otherThan(owner), Violation.CLOSE_AS_ANOTHER_IDENTITY, op::close);
      case 7 ->
          actor.refusedAs(
              actor.contexts.otherThan(owner),
              Violation.CANCEL_AS_ANOTHER_IDENTITY,
              () -> op.cancel(CancellationReason.NONE));
      case 8 ->
          actor.refusedAs(
              actor.contexts.otherThan(owner),
              Violation.RETRIEVE_AS_ANOTHER_IDENTITY,
              () -> Retrievals.retrieve(op, expectation.retrieval()));
      case 9 ->
          actor.refusedAs(
              owner,
              Violation.RETRIEVE_WRONG_KIND,
              () -> Retrievals.retrieveWrongKind(op, expectation.retrieval(), actor.random));
      default -> {
        if (drained) {
          actor.refusedAs(
              owner,
              Violation.RETRIEVE_AFTER_FINAL,
              () -> Retrievals.retrieve(op, expectation.retrieval()));
        }
      }
    }
    assertWithMessage("%s closed by a refused call", op).that(op.isClosed()).isEqualTo(closed);
  }

  /** Whether a retrieval may wait: a subscription ends only by a cancel or its timeout. */
  private boolean mayWait() {
    return !expectation.endless() || cancelled || racingCancel != null || timesOut;
  }

  private void retrieveOne() {
    Step step = actor.contexts.as(owner, () -> Retrievals.retrieve(op, expectation.retrieval()));
    if (lastBorrowed != null) {
      // The retrieval released the previous result's payload (MI rule 5); its copy stays valid.
      Object stale = lastBorrowed;
      actor.refused(Violation.READ_AFTER_NEXT_RETRIEVAL, () -> Retrievals.read(stale));
      assertThat(Retrievals.read(lastCopy)).isNotNull();
      lastBorrowed = null;
    }
    if (step.more()) {
      assertWithMessage("non-final result of %s", op).that(expectation.multiple()).isTrue();
      assertThat(step.code()).isEqualTo(MiResult.OK);
      assertThat(step.payload()).isNotNull();
      received++;
      if (actor.chance(30)) {
        lastBorrowed = step.payload();
        lastCopy = Retrievals.ownedCopy(step.payload());
      }
    } else {
      drained = true;
      checkFinal(step.code(), step.message());
      if (step.code() == expectation.code() && step.code() == MiResult.OK) {
        assertWithMessage("final payload of %s", op)
            .that(expectation.finalPayload().test(step.payload()))
            .isTrue();
        started.whenFinal().accept(step.code(), Retrievals.ownedCopy(step.payload()));
      }
    }
  }

  private void drain() {
    try {
      List<Object> all =
          actor.contexts.as(
              owner, () -> Retrievals.drain(op, expectation.retrieval(), actor.random));
      drained = true;
      received += expectation.multiple() ? all.size() : 0;
      // A drain returns when the operation succeeded, or failed because the caller cancelled it.
      boolean mayHaveBeenCancelled = cancelled || racingCancel != null || expectation.endless();
      if (!mayHaveBeenCancelled) {
        assertWithMessage("%s drained without an error", op)
            .that(expectation.code())
            .isEqualTo(MiResult.OK);
        checkCount();
        if (!expectation.multiple()) {
          Object payload = all.isEmpty() ? null : all.get(0);
          assertWithMessage("final payload of %s", op)
              .that(expectation.finalPayload().test(payload))
              .isTrue();
          started.whenFinal().accept(MiResult.OK, payload);
        }
      } else if (expectation.count() >= 0) {
        assertWithMessage("results of %s", op).that(received).isAtMost(expectation.count());
      }
    } catch (MiException failure) {
      // The drain reports a failure as the final result's code, unless the caller cancelled.
      drained = true;
      assertWithMessage("drain of %s threw %s", op, failure)
          .that(failure.errorMessage() == null || !failure.errorMessage().contains("by the caller"))
          .isTrue();
      checkFinal(failure.result(), failure.errorMessage());
    }
  }

  private void cancel() {
    actor.contexts.as(owner, () -> op.cancel(randomReason()));
    if (!drained) {
      cancelled = true;
      actor.tally.event("sync cancel before the final result");
    }
  }

  private void cancelFromAnotherThread() {
    if (drained || racingCancel != null) {
      return;
    }
    long delayMicros = actor.random.nextInt(2000);
    CancellationReason reason = randomReason();
    // The helper thread runs as the owner too: a cancel is allowed from any thread that does.
    racingCancel =
        actor.helpers.submit(
            () -> {
              TimeUnit.MICROSECONDS.sleep(delayMicros);
              SecurityContext.runAs(owner, () -> op.cancel(reason));
              return null;
            });
    actor.tally.event("sync cancel from another thread");
  }

  private void close() {
    if (drained) {
      actor.contexts.as(owner, op::close);
      closed = true;
    } else {
      actor.refusedAs(owner, Violation.CLOSE_BEFORE_FINAL, op::close);
    }
  }

  /** Drains (cancelling a subscription that has no timeout first) and closes. */
  private void finish() {
    if (!drained) {
      if (!mayWait()) {
        cancel();
      }
      drain();
    }
    awaitRacingCancel();
    close();
  }

  private void afterClose() {
    awaitRacingCancel();
    assertThat(op.isClosed()).isTrue();
    assertThat(op.isDrained()).isTrue();
    // Closing again and cancelling a closed operation do nothing.
    actor.contexts.as(owner, op::close);
    actor.contexts.as(owner, () -> op.cancel(CancellationReason.NONE));
    actor.refusedAs(
        owner,
        Violation.RETRIEVE_AFTER_CLOSE,
        () -> Retrievals.retrieve(op, expectation.retrieval()));
  }

  private void awaitRacingCancel() {
    if (racingCancel != null) {
      try {
        racingCancel.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("the racing cancel of " + op + " failed", e);
      }
    }
  }

  /** The final result reports what the operation did, or the cancel or timeout that ended it. */
  private void checkFinal(MiResult code, String message) {
    String text = message == null ? "" : message;
    boolean cancelledResult = code == MiResult.FAILED && text.contains("cancelled by the caller");
    boolean timedOut = timesOut && code == MiResult.FAILED && text.contains("timed out");
    if (expectation.endless()) {
      assertWithMessage("final result of %s: %s %s", op, code, message)
          .that(cancelledResult || timedOut)
          .isTrue();
    } else if (cancelled) {
      assertWithMessage("final result of cancelled %s: %s %s", op, code, message)
          .that(cancelledResult)
          .isTrue();
    } else if (racingCancel != null) {
      assertWithMessage("final result of %s with a racing cancel: %s %s", op, code, message)
          .that(cancelledResult || code == expectation.code())
          .isTrue();
    } else {
      assertWithMessage("final result of %s: %s", op, message)
          .that(code)
          .isEqualTo(expectation.code());
    }
    if (code == expectation.code() && !expectation.endless()) {
      checkCount();
    } else if (expectation.count() >= 0) {
      assertWithMessage("results of %s ended early", op)
          .that(received)
          .isAtMost(expectation.count());
    }
    if (code == MiResult.ACCESS_DENIED) {
      // Only the outsider's read of root/security expects it (checked above).
      actor.tally.refused(Violation.READ_SECURITY_AS_OUTSIDER, code);
    }
  }

  private void checkCount() {
    if (expectation.multiple() && expectation.count() >= 0) {
      assertWithMessage("results of %s", op).that(received).isEqualTo(expectation.count());
    }
  }

  private CancellationReason randomReason() {
    CancellationReason[] reasons = CancellationReason.values();
    return reasons[actor.random.nextInt(reasons.length)];
  }
}
