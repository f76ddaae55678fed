package io.miguard.mi.embedded;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.embedded.Requests.CIMV2;
import static io.miguard.mi.embedded.Requests.keys;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationKind;
import io.miguard.mi.spi.OperationRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many operations from many threads at once: no deadlock, no lost or doubled result. */
class ConcurrencyTest {
  private static final int CLIENTS = 8;
  private static final int OPERATIONS_PER_CLIENT = 400;

  @Test
  void thousandsOfMixedOperationsCompleteExactlyOnceWithConsistentResults() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), this::runMixedLoad);
  }

  private void runMixedLoad() throws Exception {
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      CollectingSink shareEvents = new CollectingSink();
      backend.start(
          Requests.subscribe(
              CIMV2,
              "SELECT * FROM __InstanceOperationEvent WHERE TargetInstance ISA 'Win32_Share'"),
          shareEvents);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      try {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          futures.add(clients.submit(() -> runClient(backend, client)));
        }
        int shareChanges = 0;
        for (Future<Integer> future : futures) {
          shareChanges += future.get();
        }
        // Every share created and deleted by the clients raised one indication, none lost.
        assertThat(shareEvents.awaitIndications(shareChanges)).hasSize(shareChanges);
        shareEvents.cancel();
        assertThat(shareEvents.await().result()).isEqualTo(MiResult.FAILED);
      } finally {
        clients.shutdownNow();
      }
      assertThat(backend.repository().enumerate(CIMV2, "Win32_Share")).hasSize(5);
    }
  }

  /**
   * Starts all its operations before awaiting any, then checks each; returns share changes made.
   */
  private static int runClient(EmbeddedBackend backend, int client) {
    List<CollectingSink> sinks = new ArrayList<>();
    List<OperationKind> kinds = new ArrayList<>();
    int shareChanges = 0;
    for (int i = 0; i < OPERATIONS_PER_CLIENT; i++) {
      OperationRequest request;
      switch (i % 8) {
        case 0 -> request = Requests.enumerate(CIMV2, "Win32_Service");
        case 1 ->
            request =
                Requests.query(CIMV2, "SELECT Name FROM Win32_Process WHERE ProcessId < 1000");
        case 2 ->
            request =
                Requests.withInstance(
                    OperationKind.GET_INSTANCE, CIMV2, keys("Win32_LogicalDisk", "DeviceID", "C:"));
        case 3 ->
            request =
                Requests.request(OperationKind.ASSOCIATOR_INSTANCES)
                    .namespace(CIMV2)
                    .instance(keys("Win32_Service", "Name", "nsi"))
                    .association("Win32_DependentService", null, "Antecedent", null)
                    .build();
        case 4 ->
            request =
                Requests.withInstance(
                    OperationKind.CREATE_INSTANCE,
                    CIMV2,
                    keys("Win32_Share", "Name", "c" + client + "-" + i));
        case 5 ->
            request =
                Requests.request(OperationKind.ENUMERATE_CLASSES)
                    .namespace(CIMV2)
                    .className("CIM_Service")
                    .build();
        case 6 ->
            request =
                Requests.request(OperationKind.GET_CLASS)
                    .namespace(CIMV2)
                    .className("Win32_Process")
                    .build();
        default -> request = Requests.request(OperationKind.TEST_CONNECTION).build();
      }
      CollectingSink sink = new CollectingSink();
      backend.start(request, sink);
      sinks.add(sink);
      kinds.add(request.kind());
    }
    for (int i = 0; i < sinks.size(); i++) {
      CollectingSink sink = sinks.get(i);
      assertThat(sink.await().result()).isEqualTo(MiResult.OK);
      assertThat(sink.completions()).isEqualTo(1);
      switch (kinds.get(i)) {
        case ENUMERATE_INSTANCES -> assertThat(sink.instances()).hasSize(26);
        case QUERY_INSTANCES -> assertThat(sink.instances()).hasSize(12);
        case ASSOCIATOR_INSTANCES -> assertThat(sink.instances()).hasSize(4);
        case ENUMERATE_CLASSES -> assertThat(sink.classes()).hasSize(3);
        case CREATE_INSTANCE -> shareChanges++;
        default -> assertThat(sink.instances()).isEmpty();
      }
    }
    // Delete what this client created, concurrently with the other clients.
    List<CollectingSink> deletions = new ArrayList<>();
    for (int i = 4; i < OPERATIONS_PER_CLIENT; i += 8) {
      CollectingSink sink = new CollectingSink();
      backend.start(
          Requests.withInstance(
              OperationKind.DELETE_INSTANCE,
              CIMV2,
              keys("Win32_Share", "Name", "c" + client + "-" + i)),
          sink);
      deletions.add(sink);
    }
    for (CollectingSink sink : deletions) {
      assertThat(sink.await().result()).isEqualTo(MiResult.OK);
      shareChanges++;
    }
    return shareChanges;
  }

  @Test
  void manyBlockedOperationsDrainedByOtherThreads() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), this::drainBlockedOperations);
  }

  private void drainBlockedOperations() throws Exception {
    int operations = 200;
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      List<HandOffSink> sinks = new ArrayList<>();
      for (int i = 0; i < operations; i++) {
        HandOffSink sink = new HandOffSink();
        backend.start(Requests.enumerate(CIMV2, "Win32_LogicalDisk"), sink);
        sinks.add(sink);
      }
      ExecutorService consumers = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < operations; i++) {
          HandOffSink sink = sinks.get(i);
          boolean cancelEarly = i % 5 == 0;
          futures.add(
              consumers.submit(
                  () -> {
                    List<Object> ids = new ArrayList<>();
                    ids.add(((MiInstance) sink.take()).get("DeviceID"));
                    if (cancelEarly) {
                      sink.cancel();
                      assertThat(sink.awaitCompletion().result()).isEqualTo(MiResult.FAILED);
                    } else {
                      ids.add(((MiInstance) sink.take()).get("DeviceID"));
                      ids.add(((MiInstance) sink.take()).get("DeviceID"));
                      assertThat(ids).containsExactly("C:", "D:", "Z:").inOrder();
                      assertThat(sink.awaitCompletion().result()).isEqualTo(MiResult.OK);
                    }
                    assertThat(sink.completions()).isEqualTo(1);
                    return null;
                  }));
        }
        for (Future<?> future : futures) {
          future.get();
        }
      } finally {
        consumers.shutdownNow();
      }
    }
  }
}
