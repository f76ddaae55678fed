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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session and application close: they release everything they own, never hang, never throw. */
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
  void sessionCloseForciblyClosesUndrainedAndForeignOperationsWithoutHanging() {
    MiSession session = app.newSession(null, null);
    MiOperation undrained = session.enumerateInstances(NS, "Count5");
    undrained.getInstance();
    MiOperation blocking = session.enumerateInstances(NS, FakeBackend.BLOCKING_CLASS);
    MiOperation foreign =
        SecurityContext.runAs(Identity.of("alice"), () -> session.testConnection());

    assertTimeoutPreemptively(BOUND, session::close);

    assertThat(session.isClosed()).isTrue();
    assertThat(session.openOperationCount()).isEqualTo(0);
    assertThat(app.openSessionCount()).isEqualTo(0);
    for (MiOperation op : new MiOperation[] {undrained, blocking, foreign}) {
      assertThat(op.isClosed()).isTrue();
      op.close(); // closing again does nothing, whoever asks
      MiException error = assertThrows(MiException.class, op::getInstance);
      assertThat(error.result()).isEqualTo(MiResult.INVALID_PARAMETER);
    }
    session.close(); // closing again does nothing
  }

  @Test
  void sessionCloseEndsARetrievalBlockedOnAnotherThread() throws Exception {
    MiSession session = app.newSession(null, null);
    MiOperation op = session.enumerateInstances(NS, FakeBackend.BLOCKING_CLASS);
    CompletableFuture<InstanceResult> retrieval =
        CompletableFuture.supplyAsync(op::getInstance, command -> new Thread(command).start());
    Thread.sleep(50);
    assertThat(retrieval.isDone()).isFalse();

    session.close();

    InstanceResult last = retrieval.get(5, TimeUnit.SECONDS);
    assertThat(last.moreResults()).isFalse();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(last.errorMessage()).contains("session was closed");
  }

  @Test
  void sessionCloseDeliversTheFinalResultToRunningAsynchronousOperations() throws Exception {
    MiSession session = app.newSession(null, null);
    RecordingCallbacks callbacks = new RecordingCallbacks();
    session.subscribe(NS, "WQL", "events", callbacks);
    waitUntil(() -> !callbacks.deliveries.isEmpty());

    assertTimeoutPreemptively(BOUND, session::close);

    Delivery last = callbacks.awaitFinal();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(last.errorMessage()).contains("session was closed");
    assertThat(app.awaitTermination(BOUND)).isTrue();
  }

  @Test
  void startingOnAClosedSessionIsRefused() {
    MiSession session = app.newSession(null, null);
    session.close();
    MiException error =
        assertThrows(MiException.class, () -> session.enumerateInstances(NS, "Count1"));
    assertThat(error.result()).isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(error.errorMessage()).contains("is closed");
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
  void applicationMayBeClosedFromACallbackWithoutHanging() throws Exception {
    MiSession session = app.newSession(null, null);
    RecordingCallbacks callbacks =
        new RecordingCallbacks() {
          @Override
          void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {
            app.close();
          }
        };
    session.enumerateInstances(NS, "Count3", callbacks);
    Delivery last = callbacks.awaitFinal();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(app.isClosed()).isTrue();
    assertThat(app.awaitTermination(BOUND)).isTrue();
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
