package io.miguard.mi;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.AsynchronousOperationTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.miguard.mi.RecordingCallbacks.Delivery;
import io.miguard.mi.spi.MiBackend;
import io.miguard.mi.spi.OperationRequest;
import io.miguard.mi.spi.ResultSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Session and application close: a session refuses to close over open operations or from a callback
 * (MI rule 7); the application's close releases everything it owns and never hangs.
 */
class LifecycleTest {
  private static final String NS = "root/fake";
  private static final Duration BOUND = Duration.ofSeconds(5);

  private FakeBackend backend;
  private MiApplication app;

  @BeforeEach
  void open() {
    backend = new FakeBackend();
    app = MiApplication.initialize("lifecycle-test", backend);
  }

  @AfterEach
  void close() {
    app.close();
  }

  @Test
  void openCountsFollowStartsAndCloses() {
    MiSession first = app.newSession(null, null);
    MiSession second = app.newSession("WINRM", "server01");
    MiOperation a = first.testConnection();
    MiOperation b = first.enumerateInstances(NS, "Count1");
    MiOperation c = second.testConnection();
    assertThat(app.openSessionCount()).isEqualTo(2);
    assertThat(first.openOperationCount()).isEqualTo(2);
    assertThat(second.openOperationCount()).isEqualTo(1);
    assertThat(app.openOperationCount()).isEqualTo(3);

    a.getInstance();
    a.close();
    assertThat(app.openOperationCount()).isEqualTo(2);
    b.drainInstances();
    b.close();
    c.getInstance();
    c.close();
    assertThat(app.openOperationCount()).isEqualTo(0);
    assertThat(second.destination()).isEqualTo("server01");
    assertThat(second.protocol()).isEqualTo("WINRM");
  }

  @Test
  void sessionCloseWithOpenOperationsIsRefusedNamingThemAndLeavesEverythingUsable() {
    MiSession session = app.newSession(null, null);
    MiOperation undrained = session.enumerateInstances(NS, "Count5");
    undrained.getInstance();
    MiOperation blocking = session.enumerateInstances(NS, FakeBackend.BLOCKING_CLASS);
    MiOperation foreign =
        SecurityContext.runAs(Identity.of("alice"), () -> session.testConnection());
    MiOperation asynchronous = session.enumerateInstances(NS, "Count1", new RecordingCallbacks());
    MiOperation closed = session.testConnection();
    closed.getInstance();
    closed.close();

    MiException error =
        assertThrows(MiException.class, () -> assertTimeoutPreemptively(BOUND, session::close));

    assertThat(error.result()).isEqualTo(MiResult.FAILED);
    assertThat(error.errorMessage()).contains("cannot close " + session);
    assertThat(error.errorMessage()).contains("4 operations are still open");
    assertThat(error.errorMessage()).contains(undrained + " (final result not retrieved yet)");
    assertThat(error.errorMessage()).contains("ENUMERATE_INSTANCES root/fake Count5, synchronous");
    assertThat(error.errorMessage()).contains(blocking.toString());
    assertThat(error.errorMessage()).contains("TEST_CONNECTION, synchronous, started as alice");
    assertThat(error.errorMessage()).contains(asynchronous + ".");
    assertThat(error.errorMessage()).doesNotContain(closed.toString());
    assertThat(error.errorMessage()).contains("MI rule 7");
    assertThat(error.errorMessage()).contains("would hang");
    assertThat(session.isClosed()).isFalse();
    assertThat(session.openOperationCount()).isEqualTo(4);
    assertThat(app.openSessionCount()).isEqualTo(1);

    // Everything stays usable: drain and close the operations, then the session closes.
    assertThat(undrained.drainInstances()).hasSize(4);
    undrained.close();
    blocking.cancel(CancellationReason.NONE);
    assertThat(blocking.drainInstances()).isEmpty();
    blocking.close();
    SecurityContext.runAs(
        Identity.of("alice"),
        () -> {
          foreign.getInstance();
          foreign.close();
          return null;
        });
    asynchronous.close();
    assertThat(session.openOperationCount()).isEqualTo(0);
    session.close();
    assertThat(session.isClosed()).isTrue();
    assertThat(app.openSessionCount()).isEqualTo(0);
    session.close(); // closing again does nothing
  }

  @Test
  void sessionCloseAfterEveryOperationWasClosedSucceeds() {
    MiSession session = app.newSession(null, null);
    try (MiOperation op = session.enumerateInstances(NS, "Count3")) {
      assertThat(op.drainInstances()).hasSize(3);
    }
    MiOperation asynchronous = session.enumerateInstances(NS, "Count2", new RecordingCallbacks());
    asynchronous.close(); // an asynchronous operation needs no drain, even while it runs
    session.close();
    assertThat(session.isClosed()).isTrue();
    assertThat(app.openSessionCount()).isEqualTo(0);
  }

  @Test
  void applicationCloseEndsARetrievalBlockedOnAnotherThread() throws Exception {
    MiSession session = app.newSession(null, null);
    MiOperation op = session.enumerateInstances(NS, FakeBackend.BLOCKING_CLASS);
    CompletableFuture<InstanceResult> retrieval =
        CompletableFuture.supplyAsync(op::getInstance, command -> new Thread(command).start());
    Thread.sleep(50);
    assertThat(retrieval.isDone()).isFalse();

    assertTimeoutPreemptively(BOUND, app::close);

    InstanceResult last = retrieval.get(5, TimeUnit.SECONDS);
    assertThat(last.moreResults()).isFalse();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(last.errorMessage()).contains("application lifecycle-test closed");
    assertThat(op.isClosed()).isTrue();
  }

  @Test
  void applicationCloseDeliversTheFinalResultToRunningAsynchronousOperations() throws Exception {
    MiSession session = app.newSession(null, null);
    RecordingCallbacks callbacks = new RecordingCallbacks();
    session.subscribe(NS, "WQL", "events", callbacks);
    waitUntil(() -> !callbacks.deliveries.isEmpty());

    assertTimeoutPreemptively(BOUND, app::close);

    Delivery last = callbacks.awaitFinal();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(last.errorMessage()).contains("application lifecycle-test closed");
    assertThat(app.awaitTermination(BOUND)).isTrue();
  }

  @Test
  void applicationCloseNeverHangsOnACallbackThatBlocks() throws Exception {
    MiSession session = app.newSession(null, null);
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    session.enumerateInstances(
        NS,
        "Count3",
        MiOperationCallbacks.onInstance(
            (operation, result, ack) -> {
              blocked.countDown();
              try {
                never.await(); // a callback that would block forever
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }));
    assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    assertTimeoutPreemptively(BOUND, app::close);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(tookMillis).isAtLeast(MiApplication.DELIVERY_GRACE_MILLIS - 100);
    assertThat(app.isClosed()).isTrue();
    assertThat(app.openOperationCount()).isEqualTo(0);
    assertThat(backend.isClosed()).isTrue();
    // The blocked callback was interrupted, so its thread delivers the final result and ends.
    assertThat(app.awaitTermination(BOUND)).isTrue();
  }

  @Test
  void startingOnAClosedSessionIsRefused() {
    MiSession session = app.newSession(null, null);
    session.close();
    MiException error =
        assertThrows(MiException.class, () -> session.enumerateInstances(NS, "Count1"));
    assertThat(error.result()).isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(error.errorMessage())
        .isEqualTo("cannot start ENUMERATE_INSTANCES root/fake Count1: MiSession[local] is closed");
    assertThat(backend.requests()).isEmpty();
  }

  @Test
  void applicationCloseClosesSessionsOperationsBackendAndThreads() throws Exception {
    MiSession first = app.newSession(null, null);
    MiSession second = app.newSession(null, null);
    first.enumerateInstances(NS, "Count100").getInstance();
    first.subscribe(NS, "WQL", "events", new RecordingCallbacks());
    second.queryInstances(NS, "WQL", FakeBackend.BLOCKING_CLASS, new RecordingCallbacks());
    second.enumerateInstances(NS, FakeBackend.BLOCKING_CLASS);

    assertTimeoutPreemptively(BOUND, app::close);

    assertThat(app.isClosed()).isTrue();
    assertThat(first.isClosed()).isTrue();
    assertThat(second.isClosed()).isTrue();
    assertThat(app.openSessionCount()).isEqualTo(0);
    assertThat(app.openOperationCount()).isEqualTo(0);
    assertThat(backend.isClosed()).isTrue();
    assertThat(app.awaitTermination(BOUND)).isTrue();
    assertThat(app.activeCallbackThreadCount()).isEqualTo(0);
    waitUntil(() -> backend.liveThreadCount() == 0);
    app.close(); // closing again does nothing
  }

  @Test
  void newSessionAfterApplicationCloseIsRefused() {
    app.close();
    MiException error = assertThrows(MiException.class, () -> app.newSession(null, null));
    assertThat(error.result()).isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(error.errorMessage()).contains("closed");
  }

  @Test
  void applicationCloseFromACallbackIsRefusedNamingTheCallbackAndTheRule() throws Exception {
    MiSession session = app.newSession(null, null);
    List<MiException> refusals = new CopyOnWriteArrayList<>();
    RecordingCallbacks callbacks =
        new RecordingCallbacks() {
          @Override
          void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {
            try {
              app.close();
            } catch (MiException refused) {
              refusals.add(refused);
            }
          }
        };
    MiOperation op = session.enumerateInstances(NS, "Count3", callbacks);
    Delivery last = callbacks.awaitFinal();

    assertThat(last.resultCode()).isEqualTo(MiResult.OK); // nothing was closed
    assertThat(refusals).hasSize(4); // three instances and the final result
    MiException refusal = refusals.get(0);
    assertThat(refusal.result()).isEqualTo(MiResult.FAILED);
    assertThat(refusal.errorMessage()).contains("cannot close " + app);
    assertThat(refusal.errorMessage()).contains("from the instanceResult callback of " + op);
    assertThat(refusal.errorMessage()).contains("MI rule 7");
    assertThat(refusal.errorMessage()).contains("deadlock");
    assertThat(app.isClosed()).isFalse();
    op.close();
    session.close();
    app.close(); // outside the callbacks it works
    assertThat(app.isClosed()).isTrue();
  }

  @Test
  void sessionCloseFromACallbackIsRefusedEvenForAnotherSession() throws Exception {
    MiSession session = app.newSession(null, null);
    MiSession other = app.newSession(null, null);
    List<MiException> refusals = new CopyOnWriteArrayList<>();
    MiOperation op =
        session.getCimClass(
            NS,
            "Count1",
            MiOperationCallbacks.onClass(
                (operation, result, ack) -> {
                  for (MiSession target : List.of(session, other)) {
                    try {
                      target.close();
                    } catch (MiException refused) {
                      refusals.add(refused);
                    }
                  }
                  operation.close(); // its own operation may be closed here (MI rule 9)
                }));
    waitUntil(op::isClosed);

    assertThat(refusals).hasSize(2);
    assertThat(refusals.get(0).result()).isEqualTo(MiResult.FAILED);
    assertThat(refusals.get(0).errorMessage())
        .contains("cannot close " + session + " from the classResult callback of MiOperation#");
    assertThat(refusals.get(0).errorMessage()).contains("MI rule 7");
    assertThat(refusals.get(1).errorMessage()).contains("cannot close " + other);
    assertThat(session.isClosed()).isFalse();
    assertThat(other.isClosed()).isFalse();
    session.close(); // on the test's thread, with the operation closed, it works
    other.close();
    assertThat(app.openSessionCount()).isEqualTo(0);
  }

  @Test
  void backendThatThrowsOnStartFailsTheOperationInsteadOfHanging() {
    MiBackend broken =
        new MiBackend() {
          @Override
          public void start(OperationRequest request, ResultSink sink) {
            throw new IllegalStateException("backend bug");
          }

          @Override
          public void close() {}
        };
    try (MiApplication brokenApp = MiApplication.initialize("broken", broken);
        MiSession session = brokenApp.newSession(null, null);
        MiOperation op = session.enumerateInstances(NS, "Count1")) {
      InstanceResult last = assertTimeoutPreemptively(BOUND, op::getInstance);
      assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
      assertThat(last.errorMessage()).contains("backend bug");
    }
  }

  @Test
  void failureWithoutAMessageKeepsTheResultsNullMessageButTheExceptionGetsOne() {
    MiBackend terse =
        new MiBackend() {
          @Override
          public void start(OperationRequest request, ResultSink sink) {
            new Thread(() -> sink.complete(null, MiResult.NOT_FOUND, null, null)).start();
          }

          @Override
          public void close() {}
        };
    try (MiApplication terseApp = MiApplication.initialize("terse", terse);
        MiSession session = terseApp.newSession(null, null)) {
      try (MiOperation op = session.enumerateInstances(NS, "Count1")) {
        InstanceResult last = assertTimeoutPreemptively(BOUND, op::getInstance);
        assertThat(last.resultCode()).isEqualTo(MiResult.NOT_FOUND);
        assertThat(last.errorMessage()).isNull();
      }
      try (MiOperation op = session.enumerateInstances(NS, "Count1")) {
        MiException failure =
            assertThrows(
                MiException.class, () -> assertTimeoutPreemptively(BOUND, op::drainInstances));
        assertThat(failure.result()).isEqualTo(MiResult.NOT_FOUND);
        assertThat(failure.errorMessage())
            .isEqualTo("the operation failed with NOT_FOUND and no message");
      }
    }
  }

  @Test
  void backendThatDeliversOnTheStartingThreadFailsTheOperationInsteadOfDeadlocking() {
    MiBackend eager =
        new MiBackend() {
          @Override
          public void start(OperationRequest request, ResultSink sink) {
            for (int i = 0; i < 3 && sink.instance(FakeBackend.item("X", i, 1)); i++) {}
            sink.complete(null, MiResult.OK, null, null);
          }

          @Override
          public void close() {}
        };
    try (MiApplication eagerApp = MiApplication.initialize("eager", eager);
        MiSession session = eagerApp.newSession(null, null);
        MiOperation op =
            assertTimeoutPreemptively(BOUND, () -> session.enumerateInstances(NS, "Count3"))) {
      InstanceResult last = op.getInstance();
      assertThat(last.moreResults()).isFalse();
      assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
      assertThat(last.errorMessage()).contains("thread that started the operation");
    }
  }

  @Test
  void backendThatDeliversTheWrongPayloadFailsTheOperation() {
    MiBackend confused =
        new MiBackend() {
          @Override
          public void start(OperationRequest request, ResultSink sink) {
            new Thread(
                    () -> {
                      sink.cimClass(
                          new MiClass("X", null, null, java.util.List.of(), java.util.List.of()));
                      sink.complete(null, MiResult.OK, null, null);
                    })
                .start();
          }

          @Override
          public void close() {}
        };
    try (MiApplication confusedApp = MiApplication.initialize("confused", confused);
        MiSession session = confusedApp.newSession(null, null);
        MiOperation op = session.enumerateInstances(NS, "Count1")) {
      InstanceResult last = assertTimeoutPreemptively(BOUND, op::getInstance);
      assertThat(last.moreResults()).isFalse();
      assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
      assertThat(last.errorMessage()).contains("delivered a class");
    }
  }
}
