package io.miguard.mi.embedded;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.embedded.Requests.CIMV2;

import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocking delivery, cancellation, and what close does to running operations and threads. */
class LifecycleTest {
  @Test
  void resultsAreHandedOverOneAtATime() throws InterruptedException {
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      HandOffSink sink = new HandOffSink();
      backend.start(Requests.enumerate(CIMV2, "Win32_LogicalDisk"), sink);
      List<Object> taken = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        taken.add(((MiInstance) sink.take()).get("DeviceID"));
      }
      assertThat(taken).containsExactly("C:", "D:", "Z:").inOrder();
      assertThat(sink.awaitCompletion().result()).isEqualTo(MiResult.OK);
      assertThat(sink.completions()).isEqualTo(1);
    }
  }

  @Test
  void cancellingWhileBlockedStopsEarlyWithACancellationResult() throws InterruptedException {
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      HandOffSink sink = new HandOffSink();
      backend.start(Requests.enumerate(CIMV2, "Win32_Process"), sink);
      sink.take(); // the backend now waits to hand over the second process
      sink.cancel();
      CollectingSink.Completion completion = sink.awaitCompletion();
      assertThat(completion.result()).isEqualTo(MiResult.FAILED);
      assertThat(completion.errorMessage()).isEqualTo("the operation was cancelled");
      awaitNoRunningOperations(backend);
      assertThat(sink.completions()).isEqualTo(1);
    }
  }

  @Test
  void aSinkThatRefusesAResultStopsTheOperation() {
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      CollectingSink sink = new CollectingSink(5);
      backend.start(Requests.enumerate(CIMV2, "Win32_Process"), sink);
      assertThat(sink.await().result()).isEqualTo(MiResult.FAILED);
      assertThat(sink.instances()).hasSize(5);
      CollectingSink classes = new CollectingSink(1);
      backend.start(
          Requests.request(OperationKind.ENUMERATE_CLASSES).namespace(CIMV2).build(), classes);
      assertThat(classes.await().result()).isEqualTo(MiResult.FAILED);
      assertThat(classes.classes()).hasSize(1);
    }
  }

  @Test
  void closeCompletesRunningOperationsAndSubscriptionsAndReleasesThreads()
      throws InterruptedException {
    EmbeddedBackend backend = EmbeddedBackend.withDemoData();
    HandOffSink blocked = new HandOffSink();
    backend.start(Requests.enumerate(CIMV2, "Win32_Process"), blocked);
    blocked.take(); // the backend thread is now blocked handing over the second result
    CollectingSink subscription = new CollectingSink();
    backend.start(Requests.subscribe(CIMV2, "SELECT * FROM __InstanceCreationEvent"), subscription);
    assertThat(backend.liveThreadCount()).isAtLeast(2);

    long started = System.nanoTime();
    backend.close();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

    assertThat(blocked.awaitCompletion().result()).isEqualTo(MiResult.SERVER_IS_SHUTTING_DOWN);
    assertThat(subscription.await().result()).isEqualTo(MiResult.SERVER_IS_SHUTTING_DOWN);
    assertThat(backend.awaitTermination(Duration.ofSeconds(5))).isTrue();
    assertThat(backend.liveThreadCount()).isEqualTo(0);
    assertThat(backend.runningOperationCount()).isEqualTo(0);
    assertThat(blocked.completions()).isEqualTo(1);
    assertThat(subscription.completions()).isEqualTo(1);
    assertThat(backend.isClosed()).isTrue();
  }

  @Test
  void closeFromInsideADeliveryReturnsPromptly() {
    EmbeddedBackend backend = EmbeddedBackend.withDemoData();
    long[] closeNanos = new long[1];
    CollectingSink sink =
        new CollectingSink() {
          @Override
          public synchronized boolean instance(MiInstance instance) {
            long started = System.nanoTime();
            backend.close(); // on the backend's own thread, which close cannot wait for
            closeNanos[0] = System.nanoTime() - started;
            return super.instance(instance);
          }
        };
    backend.start(Requests.enumerate(CIMV2, "Win32_Share"), sink);
    assertThat(sink.await().result()).isEqualTo(MiResult.SERVER_IS_SHUTTING_DOWN);
    assertThat(Duration.ofNanos(closeNanos[0])).isLessThan(Duration.ofSeconds(1));
    assertThat(sink.instances()).hasSize(1);
    assertThat(backend.awaitTermination(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void startAfterCloseCompletesAtOnceWithShuttingDown() {
    EmbeddedBackend backend = EmbeddedBackend.withDemoData();
    backend.close();
    backend.close(); // closing again does nothing
    for (OperationKind kind : OperationKind.values()) {
      CollectingSink sink = new CollectingSink();
      backend.start(
          Requests.request(kind).namespace(CIMV2).className("Win32_Process").build(), sink);
      assertThat(sink.await(Duration.ofSeconds(2)).result())
          .isEqualTo(MiResult.SERVER_IS_SHUTTING_DOWN);
      assertThat(sink.deliveringThread()).isNotEqualTo(Thread.currentThread());
    }
    CollectingSink subscription = new CollectingSink();
    backend.start(Requests.subscribe(CIMV2, "SELECT * FROM __InstanceCreationEvent"), subscription);
    assertThat(subscription.await().result()).isEqualTo(MiResult.SERVER_IS_SHUTTING_DOWN);
    // The refused subscription does not keep listening.
    backend
        .repository()
        .create(CIMV2, MiInstance.builder("Win32_Share").key("Name", "Late").build());
    assertThat(subscription.indications()).isEmpty();
  }

  @Test
  void startReturnsBeforeTheOperationRuns() throws InterruptedException {
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      HandOffSink sink = new HandOffSink();
      long started = System.nanoTime();
      backend.start(Requests.enumerate(CIMV2, "Win32_Process"), sink); // 24 results, none taken
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
      assertThat(sink.completions()).isEqualTo(0);
      sink.cancel();
      sink.awaitCompletion();
    }
  }

  @Test
  void nullRequestOrSinkIsIgnoredRatherThanThrown() {
    try (EmbeddedBackend backend = EmbeddedBackend.empty()) {
      backend.start(null, new CollectingSink());
      backend.start(Requests.enumerate(CIMV2, "X"), null);
      assertThat(backend.runningOperationCount()).isEqualTo(0);
    }
  }

  @Test
  void anEmptyBackendHasNoNamespaces() {
    try (EmbeddedBackend backend = EmbeddedBackend.empty()) {
      assertThat(backend.repository().namespaces()).isEmpty();
      assertThat(
              CollectingSink.run(backend, Requests.enumerate(CIMV2, "Win32_Process"))
                  .completion()
                  .result())
          .isEqualTo(MiResult.INVALID_NAMESPACE);
    }
  }

  private static void awaitNoRunningOperations(EmbeddedBackend backend)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (backend.runningOperationCount() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("operations still running: " + backend.runningOperationCount());
      }
      Thread.sleep(5);
    }
  }
}
