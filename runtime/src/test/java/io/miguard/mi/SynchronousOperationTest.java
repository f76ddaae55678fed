package io.miguard.mi;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.miguard.mi.spi.OperationKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SynchronousOperationTest {
  private static final String NS = "root/fake";

  private FakeBackend backend;
  private MiApplication app;
  private MiSession session;

  @BeforeEach
  void open() {
    backend = new FakeBackend();
    app = MiApplication.initialize("sync-test", backend);
    session = app.newSession(null, null);
  }

  @AfterEach
  void everyOperationWasClosed() {
    assertThat(app.openOperationCount()).isEqualTo(0);
    app.close();
  }

  // ---- multi-result kinds ----

  @Test
  void enumerateDeliversEveryInstanceInOrderThenAFinalResultWithoutInstance() {
    MiOperation op = session.enumerateInstances(NS, "Count4");
    List<Long> ids = new ArrayList<>();
    InstanceResult result;
    do {
      result = op.getInstance();
      if (result.moreResults()) {
        assertThat(result.resultCode()).isEqualTo(MiResult.OK);
        ids.add((Long) result.instance().get("Id"));
      }
    } while (result.moreResults());
    assertThat(ids).containsExactly(0L, 1L, 2L, 3L).inOrder();
    assertThat(result.instance()).isNull();
    assertThat(result.resultCode()).isEqualTo(MiResult.OK);
    assertThat(op.isDrained()).isTrue();
    op.close();
    assertThat(op.isClosed()).isTrue();
  }

  @Test
  void everyMultiInstanceKindIsDrainedByALoop() {
    MiInstance source = MiInstance.builder("Fake_Source").key("Id", 1).build();
    List<MiOperation> ops =
        List.of(
            session.enumerateInstances(NS, "Count2"),
            session.queryInstances(NS, "WQL", "Count2"),
            session.associatorInstances(NS, source, null, "Count2", null, null),
            session.referenceInstances(NS, source, "Count2", null));
    for (MiOperation op : ops) {
      assertThat(op.isSynchronous()).isTrue();
      assertThat(op.drainInstances()).hasSize(2);
      op.close();
    }
    assertThat(backend.requests().stream().map(r -> r.kind()).toList())
        .containsExactly(
            OperationKind.ENUMERATE_INSTANCES,
            OperationKind.QUERY_INSTANCES,
            OperationKind.ASSOCIATOR_INSTANCES,
            OperationKind.REFERENCE_INSTANCES)
        .inOrder();
  }

  @Test
  void requestCarriesTheArguments() {
    MiInstance source = MiInstance.builder("Fake_Source").key("Id", 1).build();
    try (MiOperation op =
        session.associatorInstances(NS, source, "Assoc", "Count1", "Role", "ResultRole")) {
      op.drainInstances();
    }
    var request = backend.requests().get(0);
    assertThat(request.namespace()).isEqualTo(NS);
    assertThat(request.instance()).isEqualTo(source);
    assertThat(request.associationClass()).isEqualTo("Assoc");
    assertThat(request.resultClass()).isEqualTo("Count1");
    assertThat(request.role()).isEqualTo("Role");
    assertThat(request.resultRole()).isEqualTo("ResultRole");
    assertThat(request.identity()).isEqualTo(Identity.process());
  }

  @Test
  void enumerateClassesDeliversClassesThenFinal() {
    MiOperation op = session.enumerateClasses(NS, "Count3", true);
    List<String> names = new ArrayList<>();
    ClassResult result;
    do {
      result = op.getCimClass();
      if (result.cimClass() != null) {
        names.add(result.cimClass().className());
      }
    } while (result.moreResults());
    assertThat(names).containsExactly("Fake_Class0", "Fake_Class1", "Fake_Class2").inOrder();
    assertThat(result.resultCode()).isEqualTo(MiResult.OK);
    op.close();
    assertThat(backend.requests().get(0).namesOnly()).isTrue();
  }

  @Test
  void drainClassesReturnsEveryClass() {
    try (MiOperation op = session.enumerateClasses(NS, "Count5", false)) {
      assertThat(op.drainClasses()).hasSize(5);
    }
  }

  @Test
  void subscriptionDeliversIndicationsUntilCancelledThenAFailedFinalResult() {
    MiOperation op = session.subscribe(NS, "WQL", "SELECT * FROM __InstanceCreationEvent");
    IndicationResult first = op.getIndication();
    assertThat(first.moreResults()).isTrue();
    assertThat(first.instance().get("Id")).isEqualTo(0L);
    assertThat(first.bookmark()).isEqualTo("bookmark-1");
    assertThat(first.machineId()).isEqualTo("fake");
    IndicationResult second = op.getIndication();
    assertThat(second.instance().get("Id")).isEqualTo(1L);

    op.cancel(CancellationReason.NONE);
    IndicationResult last = op.getIndication();

    assertThat(last.moreResults()).isFalse();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(last.errorMessage()).contains("cancelled");
    op.close();
  }

  @Test
  void subscriptionCancelledFromAnotherThreadEndsABlockedRetrieval() throws Exception {
    MiOperation op = session.subscribe(NS, "WQL", "anything");
    Thread canceller =
        new Thread(
            () -> {
              sleep(50);
              op.cancel(CancellationReason.SHUTDOWN);
            });
    canceller.start();
    List<MiInstance> indications = op.drainInstances();
    canceller.join(10_000);
    assertThat(indications).isNotEmpty();
    op.close();
  }

  // ---- single-result kinds ----

  @Test
  void everySingleResultKindDeliversItsInstanceInTheFinalResult() {
    MiInstance instance = MiInstance.builder("Fake_Thing").key("Id", 7).build();
    List<MiOperation> ops =
        List.of(
            session.getInstance(NS, instance),
            session.createInstance(NS, instance),
            session.modifyInstance(NS, instance),
            session.deleteInstance(NS, instance),
            session.invoke(NS, "Fake_Thing", "Reset", null, null),
            session.testConnection());
    for (MiOperation op : ops) {
      InstanceResult result = op.getInstance();
      assertThat(result.moreResults()).isFalse();
      assertThat(result.resultCode()).isEqualTo(MiResult.OK);
      assertThat(result.instance().className()).isEqualTo("Fake_" + op.kind());
      op.close();
    }
  }

  @Test
  void invokeOnATargetTakesItsClassFromTheTarget() {
    MiInstance target = MiInstance.builder("Fake_Service").key("Name", "spooler").build();
    try (MiOperation op = session.invoke(NS, null, "StopService", target, null)) {
      assertThat(op.getInstance().instance().get("Method")).isEqualTo("StopService");
    }
    assertThat(backend.requests().get(0).className()).isEqualTo("Fake_Service");
    assertThat(backend.requests().get(0).instance()).isEqualTo(target);
  }

  @Test
  void getCimClassDeliversTheClassInTheFinalResult() {
    MiOperation op = session.getCimClass(NS, "Fake_Disk");
    ClassResult result = op.getCimClass();
    assertThat(result.moreResults()).isFalse();
    assertThat(result.cimClass().className()).isEqualTo("Fake_Disk");
    op.close();
  }

  // ---- errors ----

  @Test
  void backendErrorArrivesAsTheFinalResultNotAsAnException() {
    MiOperation op = session.enumerateInstances(FakeBackend.MISSING_NAMESPACE, "Count3");
    InstanceResult result = op.getInstance();
    assertThat(result.moreResults()).isFalse();
    assertThat(result.resultCode()).isEqualTo(MiResult.INVALID_NAMESPACE);
    assertThat(result.errorMessage()).contains(FakeBackend.MISSING_NAMESPACE);
    op.close();
  }

  @Test
  void missingArgumentFailsTheOperationWithInvalidParameter() {
    MiOperation op = session.enumerateInstances(null, "Count3");
    InstanceResult result = op.getInstance();
    assertThat(result.resultCode()).isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(result.errorMessage()).contains("namespace");
    op.close();
    assertThat(backend.requests()).isEmpty();
  }

  @Test
  void invokeWithoutClassOrTargetFails() {
    try (MiOperation op = session.invoke(NS, null, "Run", null, null)) {
      InstanceResult result = op.getInstance();
      assertThat(result.resultCode()).isEqualTo(MiResult.INVALID_PARAMETER);
      assertThat(result.errorMessage()).contains("className or target");
    }
  }

  @Test
  void retrievalAfterTheFinalResultFails() {
    MiOperation op = session.getInstance(NS, MiInstance.builder("X").key("Id", 1).build());
    op.getInstance();
    MiException error = assertThrows(MiException.class, op::getInstance);
    assertThat(error.result()).isEqualTo(MiResult.FAILED);
    assertThat(error.errorMessage()).contains("no more results");
    op.close();
  }

  @Test
  void wrongRetrievalForTheKindIsInvalidParameter() {
    MiOperation enumeration = session.enumerateInstances(NS, "Count1");
    MiException classOnInstances = assertThrows(MiException.class, enumeration::getCimClass);
    MiException indicationOnInstances = assertThrows(MiException.class, enumeration::getIndication);
    assertThat(classOnInstances.result()).isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(classOnInstances.errorMessage()).contains("use getInstance");
    assertThat(indicationOnInstances.result()).isEqualTo(MiResult.INVALID_PARAMETER);
    enumeration.drainInstances();
    enumeration.close();

    MiOperation classes = session.getCimClass(NS, "X");
    MiException instanceOnClass = assertThrows(MiException.class, classes::getInstance);
    assertThat(instanceOnClass.result()).isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(instanceOnClass.errorMessage()).contains("use getCimClass");
    assertThat(assertThrows(MiException.class, classes::drainInstances).result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    classes.getCimClass();
    classes.close();
  }

  @Test
  void drainInstancesThrowsTheFailureOfTheFinalResultAndLeavesTheOperationDrained() {
    MiOperation op = session.queryInstances(FakeBackend.MISSING_NAMESPACE, "WQL", "Count2");
    MiException error = assertThrows(MiException.class, op::drainInstances);
    assertThat(error.result()).isEqualTo(MiResult.INVALID_NAMESPACE);
    assertThat(op.isDrained()).isTrue();
    op.close();
  }

  // ---- the drain rule ----

  @Test
  void closeBeforeTheFinalResultIsRefusedAndTheOperationStaysOpen() {
    MiOperation op = session.enumerateInstances(NS, "Count3");
    op.getInstance();

    MiException refused = assertThrows(MiException.class, op::close);

    assertThat(refused.result()).isEqualTo(MiResult.FAILED);
    assertThat(refused.errorMessage()).contains("final result");
    assertThat(refused.errorMessage())
        .contains("must be retrieved before close, even after cancel");
    assertThat(op.isClosed()).isFalse();
    assertThat(session.openOperationCount()).isEqualTo(1);

    assertThat(op.drainInstances()).hasSize(2);
    op.close();
    assertThat(session.openOperationCount()).isEqualTo(0);
  }

  @Test
  void singleResultOperationMustBeRetrievedBeforeClose() {
    MiOperation op = session.testConnection();
    assertThat(assertThrows(MiException.class, op::close).result()).isEqualTo(MiResult.FAILED);
    op.getInstance();
    op.close();
  }

  @Test
  void cancelDoesNotDrainButTheFinalResultThenReportsTheCancel() {
    MiOperation op = session.enumerateInstances(NS, FakeBackend.BLOCKING_CLASS);
    op.cancel(CancellationReason.TIMEOUT);

    MiException refused = assertThrows(MiException.class, op::close);
    assertThat(refused.result()).isEqualTo(MiResult.FAILED);

    InstanceResult last = op.getInstance();
    assertThat(last.moreResults()).isFalse();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(last.errorMessage()).contains("cancelled");
    assertThat(last.errorMessage()).contains("TIMEOUT");
    op.close();
  }

  @Test
  void cancelDiscardsResultsNotYetRetrieved() {
    MiOperation op = session.enumerateInstances(NS, "Count100");
    assertThat(op.getInstance().moreResults()).isTrue();
    op.cancel(CancellationReason.NONE);
    op.cancel(CancellationReason.NONE); // idempotent
    // The caller asked for the cancel, so draining reports no failure.
    assertThat(op.drainInstances()).isEmpty();
    op.close();
  }

  @Test
  void cancelAfterTheFinalResultChangesNothing() {
    MiOperation op = session.enumerateInstances(NS, "Count1");
    op.drainInstances();
    op.cancel(CancellationReason.NONE);
    op.close();
    op.close(); // closing twice is a no-op
    op.cancel(CancellationReason.NONE); // and so is cancelling a closed operation
  }

  @Test
  void useAfterCloseIsRefused() {
    MiOperation op = session.enumerateInstances(NS, "Count1");
    op.drainInstances();
    op.close();
    MiException error = assertThrows(MiException.class, op::getInstance);
    assertThat(error.result()).isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(error.errorMessage()).contains("closed");
  }

  // ---- drain helpers ----

  @Test
  void drainInstancesReturnsClonesEqualToTheResults() {
    MiOperation op = session.enumerateInstances(NS, "Count3");
    List<MiInstance> all = op.drainInstances();
    assertThat(all.stream().map(i -> i.get("Id")).toList()).containsExactly(0L, 1L, 2L).inOrder();
    assertThat(all.get(0).className()).isEqualTo("Count3");
    op.close();
  }

  @Test
  void instancesPullsLazilyAndACompletedIterationDrains() {
    MiOperation op = session.enumerateInstances(NS, "Count3");
    Iterator<MiInstance> iterator = op.instances().iterator();
    assertThat(iterator.next().get("Id")).isEqualTo(0L);
    assertThat(op.isDrained()).isFalse();
    assertThat(iterator.next().get("Id")).isEqualTo(1L);
    assertThat(iterator.next().get("Id")).isEqualTo(2L);
    assertThat(op.isDrained()).isFalse();
    assertThat(iterator.hasNext()).isFalse();
    assertThat(op.isDrained()).isTrue();
    op.close();
  }

  @Test
  void forEachThatLeavesEarlyLeavesTheOperationUndrained() {
    MiOperation op = session.enumerateInstances(NS, "Count3");
    for (MiInstance instance : op.instances()) {
      assertThat(instance.get("Id")).isEqualTo(0L);
      break;
    }
    assertThat(assertThrows(MiException.class, op::close).result()).isEqualTo(MiResult.FAILED);
    op.drainInstances();
    op.close();
  }

  @Test
  void instancesOfASingleResultOperationYieldsItsOneInstance() {
    try (MiOperation op = session.createInstance(NS, MiInstance.builder("X").build())) {
      List<MiInstance> seen = new ArrayList<>();
      op.instances().forEach(seen::add);
      assertThat(seen).hasSize(1);
    }
  }

  // ---- timeouts and interrupts ----

  @Test
  void operationTimeoutEndsAWaitingRetrievalWithAFailedFinalResult() {
    MiOperation op =
        session.enumerateInstances(
            NS,
            FakeBackend.BLOCKING_CLASS,
            OperationOptions.defaults().withTimeout(Duration.ofMillis(50)),
            null);
    InstanceResult last = op.getInstance();
    assertThat(last.moreResults()).isFalse();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(last.errorMessage()).contains("timed out");
    op.close();
  }

  @Test
  void destinationTimeoutAppliesWhenTheOperationHasNone() {
    MiSession impatient =
        app.newSession(
            null, null, DestinationOptions.defaults().withTimeout(Duration.ofMillis(50)));
    try (MiOperation op = impatient.enumerateInstances(NS, FakeBackend.BLOCKING_CLASS)) {
      assertThat(op.getInstance().errorMessage()).contains("timed out");
    }
    impatient.close();
  }

  @Test
  void interruptedRetrievalCancelsAndReturnsTheFinalResult() {
    MiOperation op = session.enumerateInstances(NS, FakeBackend.BLOCKING_CLASS);
    Thread.currentThread().interrupt();
    InstanceResult last = op.getInstance();
    assertThat(Thread.interrupted()).isTrue();
    assertThat(last.moreResults()).isFalse();
    assertThat(last.errorMessage()).contains("interrupted");
    op.close();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
