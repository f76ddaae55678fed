package io.miguard.mi;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.miguard.mi.RecordingCallbacks.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsynchronousOperationTest {
  private static final String NS = "root/fake";
  private static final Identity ALICE = Identity.of("alice");
  private static final MiInstance THING = MiInstance.builder("Fake_Thing").key("Id", 7).build();

  private FakeBackend backend;
  private MiApplication app;
  private MiSession session;

  @BeforeEach
  void open() {
    backend = new FakeBackend();
    app = MiApplication.initialize("async-test", backend);
    session = app.newSession(null, null);
  }

  @AfterEach
  void everythingWasReleased() throws InterruptedException {
    assertThat(app.openOperationCount()).isEqualTo(0);
    app.close();
    assertThat(app.awaitTermination(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void everyMultiResultKindDeliversItsResultsThenOneFinalResult() throws Exception {
    List<Function<RecordingCallbacks, MiOperation>> starts =
        List.of(
            c -> session.enumerateInstances(NS, "Count3", c),
            c -> session.queryInstances(NS, "WQL", "Count3", c),
            c -> session.associatorInstances(NS, THING, null, "Count3", null, null, c),
            c -> session.referenceInstances(NS, THING, "Count3", null, c),
            c -> session.enumerateClasses(NS, "Count3", false, c));
    for (Function<RecordingCallbacks, MiOperation> start : starts) {
      RecordingCallbacks callbacks = new RecordingCallbacks();
      MiOperation op = start.apply(callbacks);
      assertThat(op.isSynchronous()).isFalse();
      Delivery last = callbacks.awaitFinal();
      assertThat(last.resultCode()).isEqualTo(MiResult.OK);
      assertThat(last.payload()).isNull();
      assertThat(callbacks.payloads()).hasSize(3);
      assertThat(callbacks.deliveries).hasSize(4);
      op.close();
    }
  }

  @Test
  void everySingleResultKindDeliversOneFinalResultWithItsPayload() throws Exception {
    List<Function<RecordingCallbacks, MiOperation>> starts =
        List.of(
            c -> session.getInstance(NS, THING, c),
            c -> session.createInstance(NS, THING, c),
            c -> session.modifyInstance(NS, THING, c),
            c -> session.deleteInstance(NS, THING, c),
            c -> session.invoke(NS, "Fake_Thing", "Reset", THING, null, c),
            c -> session.getCimClass(NS, "Fake_Disk", c),
            c -> session.testConnection(c));
    for (Function<RecordingCallbacks, MiOperation> start : starts) {
      RecordingCallbacks callbacks = new RecordingCallbacks();
      MiOperation op = start.apply(callbacks);
      Delivery last = callbacks.awaitFinal();
      assertThat(callbacks.deliveries).hasSize(1);
      assertThat(last.resultCode()).isEqualTo(MiResult.OK);
      assertThat(last.payload()).isNotNull();
      op.close();
    }
  }

  @Test
  void subscriptionDeliversIndicationsUntilCancelled() throws Exception {
    CountDownLatch twoIndications = new CountDownLatch(2);
    RecordingCallbacks callbacks =
        new RecordingCallbacks() {
          @Override
          void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {
            twoIndications.countDown();
          }
        };
    MiOperation op = session.subscribe(NS, "WQL", "events", callbacks);
    assertThat(twoIndications.await(10, TimeUnit.SECONDS)).isTrue();
    op.cancel(CancellationReason.SERVICE_STOP);
    Delivery last = callbacks.awaitFinal();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(last.errorMessage()).contains("SERVICE_STOP");
    assertThat(callbacks.payloads().size()).isAtLeast(2);
    op.close();
  }

  @Test
  void backendFailureArrivesAsTheFinalCallback() throws Exception {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    MiOperation op = session.enumerateInstances(FakeBackend.MISSING_NAMESPACE, "X", callbacks);
    assertThat(callbacks.awaitFinal().resultCode()).isEqualTo(MiResult.INVALID_NAMESPACE);
    op.close();
  }

  @Test
  void callbacksRunOnANamedDaemonThreadAsTheStartingIdentity() throws Exception {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    MiOperation op;
    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      op = session.enumerateInstances(NS, "Count2", callbacks);
    }
    callbacks.awaitFinal();
    for (Delivery delivery : callbacks.deliveries) {
      assertThat(delivery.operation()).isSameInstanceAs(op);
      assertThat(delivery.identity()).isEqualTo(ALICE);
      assertThat(delivery.thread()).isNotSameInstanceAs(Thread.currentThread());
      assertThat(delivery.thread().isDaemon()).isTrue();
      assertThat(delivery.thread().getName()).startsWith("miguard-async-test-callbacks-");
    }
    SecurityContext.runAs(ALICE, op::close);
  }

  @Test
  void retrievalOnAnAsynchronousOperationIsInvalidParameter() throws Exception {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    MiOperation op = session.enumerateInstances(NS, "Count2", callbacks);
    for (MiException error :
        List.of(
            assertThrows(MiException.class, op::getInstance),
            assertThrows(MiException.class, op::getIndication),
            assertThrows(MiException.class, op::getCimClass),
            assertThrows(MiException.class, op::drainInstances),
            assertThrows(MiException.class, op::drainClasses),
            assertThrows(MiException.class, () -> op.instances().iterator().hasNext()))) {
      assertThat(error.result()).isEqualTo(MiResult.INVALID_PARAMETER);
      assertThat(error.errorMessage()).contains("on " + op + " refused");
      assertThat(error.errorMessage()).contains("asynchronous");
      assertThat(error.errorMessage()).contains("MI rule 3");
    }
    callbacks.awaitFinal();
    op.close();
  }

  @Test
  void lambdaCallbacksReceiveTheResultsOfTheirKind() throws Exception {
    List<Object> indications = new java.util.concurrent.CopyOnWriteArrayList<>();
    MiOperation subscription =
        session.subscribe(
            NS,
            "WQL",
            "events",
            MiOperationCallbacks.onIndication(
                (operation, result, ack) -> {
                  if (result.moreResults()) {
                    indications.add(result.instance().get("Id"));
                  }
                }));
    waitUntil(() -> indications.size() >= 2);
    subscription.close();
    assertThat(indications.subList(0, 2)).containsExactly(0L, 1L).inOrder();

    List<String> classes = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    MiOperation enumeration =
        session.enumerateClasses(
            NS,
            "Count2",
            false,
            MiOperationCallbacks.onClass(
                (operation, result, ack) -> {
                  if (result.cimClass() != null) {
                    classes.add(result.cimClass().className());
                  }
                  if (!result.moreResults()) {
                    done.countDown();
                  }
                }));
    assertThat(done.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    enumeration.close();
    assertThat(classes).containsExactly("Fake_Class0", "Fake_Class1").inOrder();
    assertThat(enumeration.isSynchronous()).isFalse();
  }

  @Test
  void nullCallbacksKeepTheOperationSynchronous() {
    MiOperation shortForm = session.enumerateInstances(NS, "Count1", (MiOperationCallbacks) null);
    MiOperation optionsForm = session.testConnection(null, null);
    assertThat(shortForm.isSynchronous()).isTrue();
    assertThat(optionsForm.isSynchronous()).isTrue();
    shortForm.drainInstances();
    shortForm.close();
    optionsForm.getInstance();
    optionsForm.close();
  }

  @Test
  void asynchronousOperationNeedsNoDrainBeforeClose() {
    MiOperation op =
        session.enumerateInstances(NS, FakeBackend.BLOCKING_CLASS, new RecordingCallbacks());
    assertTimeoutPreemptively(Duration.ofSeconds(5), op::close);
    assertThat(op.isClosed()).isTrue();
  }

  @Test
  void closingARunningAsynchronousOperationNeverBlocksAndDeliversAFailedFinalResult()
      throws Exception {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    MiOperation op = session.enumerateInstances(NS, FakeBackend.BLOCKING_CLASS, callbacks);
    assertTimeoutPreemptively(Duration.ofSeconds(5), op::close);
    Delivery last = callbacks.awaitFinal();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(last.errorMessage()).contains("closed");
    assertThat(callbacks.deliveries).hasSize(1);
  }

  @Test
  void operationMayBeClosedInsideItsOwnCallback() throws Exception {
    AtomicReference<Throwable> closeFailure = new AtomicReference<>();
    RecordingCallbacks callbacks =
        new RecordingCallbacks() {
          @Override
          void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {
            try {
              operation.close();
            } catch (RuntimeException e) {
              closeFailure.set(e);
            }
          }
        };
    MiOperation op = session.enumerateInstances(NS, "Count50", callbacks);
    Delivery last = callbacks.awaitFinal();
    assertThat(closeFailure.get()).isNull();
    assertThat(op.isClosed()).isTrue();
    // Closed in the first callback: the final callback still comes, exactly once, and reports it.
    assertThat(callbacks.deliveries).hasSize(2);
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(session.openOperationCount()).isEqualTo(0);
  }

  @Test
  void operationMayBeClosedInsideItsFinalCallback() throws Exception {
    RecordingCallbacks callbacks =
        new RecordingCallbacks() {
          @Override
          void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {
            if (!delivery.moreResults()) {
              operation.close();
            }
          }
        };
    MiOperation op;
    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      op = session.enumerateInstances(NS, "Count3", callbacks);
    }
    Delivery last = callbacks.awaitFinal();
    assertThat(last.resultCode()).isEqualTo(MiResult.OK);
    assertThat(callbacks.payloads()).hasSize(3);
    waitUntil(op::isClosed);
  }

  @Test
  void asynchronousCloseFromAnotherIdentityIsRefused() throws Exception {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    MiOperation op =
        SecurityContext.runAs(ALICE, () -> session.enumerateInstances(NS, "Count1", callbacks));
    callbacks.awaitFinal();
    assertThat(assertThrows(MiException.class, op::close).result())
        .isEqualTo(MiResult.ACCESS_DENIED);
    assertThat(op.isClosed()).isFalse();
    SecurityContext.runAs(ALICE, op::close);
  }

  @Test
  void manualAcknowledgementHoldsTheNextResultUntilAcknowledged() throws Exception {
    List<ResultAcknowledgement> acks = new ArrayList<>();
    CountDownLatch firstResult = new CountDownLatch(1);
    RecordingCallbacks callbacks =
        new RecordingCallbacks() {
          @Override
          void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {
            synchronized (acks) {
              acks.add(ack);
            }
            firstResult.countDown();
          }
        };
    MiOperation op;
    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      op =
          session.enumerateInstances(
              NS, "Count3", OperationOptions.defaults().withManualAcknowledgement(true), callbacks);
    }
    assertThat(firstResult.await(10, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    assertThat(callbacks.deliveries).hasSize(1);

    ResultAcknowledgement first;
    synchronized (acks) {
      first = acks.get(0);
    }
    // Acknowledgement is refused outside the starting context (MI rule 6) ...
    assertThat(assertThrows(MiException.class, first::acknowledge).result())
        .isEqualTo(MiResult.ACCESS_DENIED);
    Thread.sleep(50);
    assertThat(callbacks.deliveries).hasSize(1);
    // ... and releases the next result inside it.
    SecurityContext.runAs(ALICE, first::acknowledge);
    waitUntil(() -> callbacks.deliveries.size() == 2);
    Thread.sleep(50);
    assertThat(callbacks.deliveries).hasSize(2);

    for (int i = 1; i < 3; i++) {
      int index = i;
      waitUntil(() -> acksSize(acks) > index);
      ResultAcknowledgement next;
      synchronized (acks) {
        next = acks.get(index);
      }
      SecurityContext.runAs(ALICE, next::acknowledge);
    }
    assertThat(callbacks.awaitFinal().resultCode()).isEqualTo(MiResult.OK);
    assertThat(callbacks.payloads()).hasSize(3);
    SecurityContext.runAs(ALICE, op::close);
  }

  @Test
  void closingReleasesAnOperationWaitingForAnAcknowledgement() throws Exception {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    MiOperation op =
        session.enumerateInstances(
            NS, "Count3", OperationOptions.defaults().withManualAcknowledgement(true), callbacks);
    waitUntil(() -> callbacks.deliveries.size() == 1);
    assertTimeoutPreemptively(Duration.ofSeconds(5), op::close);
    Delivery last = callbacks.awaitFinal();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(callbacks.deliveries).hasSize(2);
  }

  @Test
  void throwingResultCallbackCancelsTheOperationAndIsReported() throws Exception {
    RecordingCallbacks callbacks =
        new RecordingCallbacks() {
          @Override
          void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {
            if (delivery.moreResults()) {
              throw new IllegalStateException("callback bug");
            }
          }
        };
    MiOperation op = session.enumerateInstances(NS, "Count10", callbacks);
    Delivery last = callbacks.awaitFinal();
    assertThat(callbacks.payloads()).hasSize(1);
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(last.errorMessage()).contains("instanceResult callback");
    assertThat(last.errorMessage()).contains("callback bug");
    assertThat(callbacks.errors).hasSize(1);
    MiInstance error = callbacks.errors.get(0);
    assertThat(error.className()).isEqualTo(MiOperationCallbacks.CALLBACK_ERROR_CLASS);
    assertThat(error.get("ExceptionClass")).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("Callback")).isEqualTo("instanceResult");
    op.close();
  }

  @Test
  void throwingFinalCallbackIsReportedToWriteErrorAndTheThreadEnds() throws Exception {
    RecordingCallbacks callbacks =
        new RecordingCallbacks() {
          @Override
          void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {
            if (!delivery.moreResults()) {
              throw new AssertionError("final callback bug");
            }
          }
        };
    MiOperation op = session.getCimClass(NS, "Fake_Disk", callbacks);
    callbacks.awaitFinal();
    waitUntil(() -> callbacks.errors.size() == 1);
    assertThat(callbacks.errors.get(0).get("Message").toString()).contains("final callback bug");
    op.close();
    assertThat(app.awaitTermination(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void throwingWriteErrorDoesNotStopDelivery() throws Exception {
    RecordingCallbacks callbacks =
        new RecordingCallbacks() {
          @Override
          void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {
            if (delivery.moreResults()) {
              throw new IllegalStateException("result bug");
            }
          }

          @Override
          public void writeError(MiOperation operation, MiInstance error) {
            throw new IllegalStateException("writeError bug");
          }
        };
    MiOperation op = session.enumerateInstances(NS, "Count3", callbacks);
    assertThat(callbacks.awaitFinal().errorMessage()).contains("result bug");
    op.close();
  }

  @Test
  void impersonationLeftOpenByACallbackDoesNotLeakIntoTheNextOne() throws Exception {
    RecordingCallbacks callbacks =
        new RecordingCallbacks() {
          @Override
          void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {
            SecurityContext.impersonate(Identity.of("mallory"));
          }
        };
    MiOperation op;
    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      op = session.enumerateInstances(NS, "Count3", callbacks);
    }
    callbacks.awaitFinal();
    assertThat(callbacks.deliveries.stream().map(Delivery::identity).distinct().toList())
        .containsExactly(ALICE);
    SecurityContext.runAs(ALICE, op::close);
  }

  @Test
  void asynchronousTimeoutDeliversAFailedFinalResult() throws Exception {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    MiOperation op =
        session.enumerateInstances(
            NS,
            FakeBackend.BLOCKING_CLASS,
            OperationOptions.defaults().withTimeout(Duration.ofMillis(50)),
            callbacks);
    assertThat(callbacks.awaitFinal().errorMessage()).contains("timed out");
    op.close();
  }

  private static int acksSize(List<ResultAcknowledgement> acks) {
    synchronized (acks) {
      return acks.size();
    }
  }

  static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(2);
    }
  }
}
