package io.miguard.mi;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Callbacks that record every result with the thread and identity it arrived on, and let a test
 * wait for the final one. Subclasses add behaviour in {@link #onResult}. The recorded payload is an
 * owned copy, taken while the callback runs (the result's own objects are released when it returns,
 * MI rule 5).
 */
class RecordingCallbacks implements MiOperationCallbacks {
  /** One delivered result, whatever its kind. */
  record Delivery(
      MiOperation operation,
      Object payload,
      boolean moreResults,
      MiResult resultCode,
      String errorMessage,
      Thread thread,
      Identity identity) {}

  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  final List<MiInstance> errors = new CopyOnWriteArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);

  @Override
  public void instanceResult(
      MiOperation operation, InstanceResult result, ResultAcknowledgement ack) {
    record(
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
    record(
        operation,
        result.instance(),
        result.moreResults(),
        result.resultCode(),
        result.errorMessage(),
        ack);
  }

  @Override
  public void classResult(MiOperation operation, ClassResult result, ResultAcknowledgement ack) {
    record(
        operation,
        result.cimClass(),
        result.moreResults(),
        result.resultCode(),
        result.errorMessage(),
        ack);
  }

  @Override
  public void writeError(MiOperation operation, MiInstance error) {
    errors.add(error);
  }

  private void record(
      MiOperation operation,
      Object payload,
      boolean more,
      MiResult code,
      String message,
      ResultAcknowledgement ack) {
    Delivery delivery =
        new Delivery(
            operation,
            ownedCopy(payload),
            more,
            code,
            message,
            Thread.currentThread(),
            SecurityContext.current());
    deliveries.add(delivery);
    try {
      onResult(operation, delivery, ack);
    } finally {
      if (!more) {
        done.countDown();
      }
    }
  }

  private static Object ownedCopy(Object payload) {
    if (payload instanceof MiInstance instance) {
      return instance.cloneInstance();
    }
    if (payload instanceof MiClass cimClass) {
      return cimClass.cloneClass();
    }
    return payload;
  }

  /** Called after each result was recorded; the final one counts down even if this throws. */
  void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {}

  /** Waits for the final result and returns it. */
  Delivery awaitFinal() throws InterruptedException {
    assertWithMessage("final result delivered in time")
        .that(done.await(10, TimeUnit.SECONDS))
        .isTrue();
    Delivery last = deliveries.get(deliveries.size() - 1);
    assertWithMessage("last delivery is the final one").that(last.moreResults()).isFalse();
    return last;
  }

  boolean finished() {
    return done.getCount() == 0;
  }

  /** The payloads of the non-final results, in order. */
  List<Object> payloads() {
    return deliveries.stream().filter(Delivery::moreResults).map(d -> d.payload()).toList();
  }
}
