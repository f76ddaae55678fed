package io.miguard.mi.embedded;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.embedded.Requests.CIMV2;
import static io.miguard.mi.embedded.Requests.invoke;
import static io.miguard.mi.embedded.Requests.keys;
import static io.miguard.mi.embedded.Requests.parameters;
import static io.miguard.mi.embedded.Requests.subscribe;
import static io.miguard.mi.embedded.Requests.withInstance;

import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE: intrinsic instance events, filters, and how a subscription ends. */
class SubscriptionTest {
  private static final String PROCESS_CREATION =
      "SELECT * FROM __InstanceCreationEvent WITHIN 1 WHERE TargetInstance ISA 'Win32_Process'";

  private final EmbeddedBackend backend = EmbeddedBackend.withDemoData();
  private final CimRepository repository = backend.repository();

  @AfterEach
  void close() {
    backend.close();
  }

  private CollectingSink start(String wql) {
    CollectingSink sink = new CollectingSink();
    backend.start(subscribe(CIMV2, wql), sink);
    return sink;
  }

  private static MiInstance target(CollectingSink.Indication indication) {
    return (MiInstance) indication.instance().get("TargetInstance");
  }

  private static MiInstance share(String name) {
    return MiInstance.builder("Win32_Share")
        .key("Name", name)
        .property("Path", "D:\\" + name)
        .build();
  }

  @Test
  void creationEventsCarryTheNewInstanceTimeBookmarkAndMachine() throws InterruptedException {
    CollectingSink sink = start("SELECT * FROM __InstanceCreationEvent");
    Instant before = Instant.now();
    repository.create(CIMV2, share("Builds")); // right after start: must not be missed
    CollectingSink.Indication indication = sink.awaitIndications(1).get(0);
    assertThat(indication.instance().className()).isEqualTo("__InstanceCreationEvent");
    assertThat(indication.instance().namespace()).isEqualTo(CIMV2);
    assertThat(target(indication).get("Path")).isEqualTo("D:\\Builds");
    assertThat(indication.instance().has("PreviousInstance")).isFalse();
    long fileTime = (Long) indication.instance().get("TIME_CREATED");
    long beforeFileTime = 116_444_736_000_000_000L + before.toEpochMilli() * 10_000L;
    assertThat(fileTime).isAtLeast(beforeFileTime - 10_000_000L);
    assertThat(fileTime).isAtMost(beforeFileTime + 600_000_000L);
    assertThat(indication.machineId()).isEqualTo("localhost");
    assertThat(Long.parseLong(indication.bookmark())).isGreaterThan(0L);
    assertThat(sink.isCompleted()).isFalse();
    sink.cancel();
    assertThat(sink.await().result()).isEqualTo(MiResult.FAILED);
    assertThat(sink.completion().errorMessage()).isEqualTo("the operation was cancelled");
    assertThat(sink.completions()).isEqualTo(1);
  }

  @Test
  void deletionAndModificationEvents() throws InterruptedException {
    CollectingSink deletions = start("SELECT * FROM __InstanceDeletionEvent");
    CollectingSink modifications = start("SELECT * FROM __InstanceModificationEvent");
    repository.modify(
        CIMV2,
        keys("Win32_Share", "Name", "Projects").toBuilder()
            .property("Description", "Moved")
            .build());
    repository.delete(CIMV2, keys("Win32_Share", "Name", "D$"));

    CollectingSink.Indication modification = modifications.awaitIndications(1).get(0);
    assertThat(target(modification).get("Description")).isEqualTo("Moved");
    MiInstance previous = (MiInstance) modification.instance().get("PreviousInstance");
    assertThat(previous.get("Description")).isEqualTo("Team projects");

    CollectingSink.Indication deletion = deletions.awaitIndications(1).get(0);
    assertThat(target(deletion).get("Name")).isEqualTo("D$");
    assertThat(Long.parseLong(deletion.bookmark()))
        .isGreaterThan(Long.parseLong(modification.bookmark()));
    deletions.cancel();
    modifications.cancel();
    assertThat(deletions.await().result()).isEqualTo(MiResult.FAILED);
    assertThat(modifications.await().result()).isEqualTo(MiResult.FAILED);
    assertThat(deletions.indications()).hasSize(1);
    assertThat(modifications.indications()).hasSize(1);
  }

  @Test
  void instanceOperationEventReportsEveryKind() throws InterruptedException {
    CollectingSink sink =
        start("SELECT * FROM __InstanceOperationEvent WHERE TargetInstance ISA 'Win32_Share'");
    repository.create(CIMV2, share("A"));
    repository.modify(CIMV2, share("A").toBuilder().property("Path", "E:\\A").build());
    repository.delete(CIMV2, share("A"));
    assertThat(sink.awaitIndications(3).stream().map(i -> i.instance().className()))
        .containsExactly(
            "__InstanceCreationEvent", "__InstanceModificationEvent", "__InstanceDeletionEvent")
        .inOrder();
    sink.cancel();
    sink.await();
  }

  @Test
  void filtersOnTheTargetClassAndProperties() throws InterruptedException {
    CollectingSink sink =
        start(
            "SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA \"Win32_Share\" AND"
                + " TargetInstance.Name LIKE 'keep%'");
    repository.create(CIMV2, share("dropMe"));
    repository.create(CIMV2, share("keepMe"));
    repository.create(
        CIMV2, MiInstance.builder("Win32_LogicalDisk").key("DeviceID", "keep:").build());
    repository.create(CIMV2, share("KEEPtoo"));
    List<CollectingSink.Indication> seen = sink.awaitIndications(2);
    assertThat(seen.stream().map(i -> target(i).get("Name"))).containsExactly("keepMe", "KEEPtoo");
    // A later matching change proves nothing else was queued in between.
    repository.create(CIMV2, share("keepLast"));
    assertThat(sink.awaitIndications(3).get(2).instance().get("TargetInstance").toString())
        .contains("keepLast");
    sink.cancel();
    sink.await();
  }

  @Test
  void isaHonoursInheritance() throws InterruptedException {
    CollectingSink sink =
        start(
            "SELECT * FROM __InstanceDeletionEvent WHERE TargetInstance ISA 'CIM_LogicalElement'");
    repository.delete(CIMV2, keys("Win32_Share", "Name", "IPC$"));
    repository.delete(CIMV2, keys("Win32_Service", "Name", "W32Time"));
    assertThat(sink.awaitIndications(2).stream().map(i -> target(i).className()))
        .containsExactly("Win32_Share", "Win32_Service")
        .inOrder();
    sink.cancel();
    sink.await();
  }

  @Test
  void otherNamespacesAreNotReported() throws InterruptedException {
    CollectingSink sink = start("SELECT * FROM __InstanceCreationEvent");
    repository.createNamespace("root/other");
    repository.defineClass(
        "root/other", ClassDeclaration.builder("Thing").key("Id", "uint32").build());
    repository.create("root/other", MiInstance.builder("Thing").key("Id", 1).build());
    repository.create(CIMV2, share("Mine"));
    assertThat(sink.awaitIndications(1).stream().map(i -> target(i).className()))
        .containsExactly("Win32_Share");
    sink.cancel();
    sink.await();
    assertThat(sink.indications()).hasSize(1);
  }

  @Test
  void changesThroughOperationsAndMethodProvidersAreReported() throws InterruptedException {
    CollectingSink created = start(PROCESS_CREATION);
    CollectingSink deleted =
        start("SELECT * FROM __InstanceDeletionEvent WHERE TargetInstance ISA 'Win32_Process'");
    CollectingSink stateChanges =
        start(
            "SELECT * FROM __InstanceModificationEvent WHERE TargetInstance ISA 'Win32_Service'"
                + " AND TargetInstance.State <> PreviousInstance.State");

    CollectingSink invoked =
        CollectingSink.run(
            backend,
            invoke(CIMV2, "Win32_Process", "Create", null, parameters("CommandLine", "calc.exe")));
    long pid = (Long) ((MiInstance) invoked.completion().payload()).get("ProcessId");
    assertThat(target(created.awaitIndications(1).get(0)).get("ProcessId")).isEqualTo(pid);

    CollectingSink.run(
        backend,
        invoke(
            CIMV2,
            "Win32_Process",
            "Terminate",
            keys("Win32_Process", "Handle", Long.toString(pid)),
            null));
    assertThat(target(deleted.awaitIndications(1).get(0)).get("Name")).isEqualTo("calc.exe");

    CollectingSink.run(
        backend,
        withInstance(
            OperationKind.CREATE_INSTANCE,
            CIMV2,
            MiInstance.builder("Win32_Process")
                .key("Handle", "9001")
                .property("Name", "x.exe")
                .build()));
    assertThat(created.awaitIndications(2).get(1).instance().toString()).contains("9001");

    CollectingSink.run(
        backend,
        invoke(
            CIMV2,
            "Win32_Service",
            "StartService",
            keys("Win32_Service", "Name", "W32Time"),
            null));
    CollectingSink.Indication started = stateChanges.awaitIndications(1).get(0);
    assertThat(target(started).get("State")).isEqualTo("Running");
    assertThat(((MiInstance) started.instance().get("PreviousInstance")).get("State"))
        .isEqualTo("Stopped");

    for (CollectingSink sink : List.of(created, deleted, stateChanges)) {
      sink.cancel();
      assertThat(sink.await().result()).isEqualTo(MiResult.FAILED);
    }
  }

  @Test
  void aDeliveryRefusedByTheSinkEndsTheSubscription() throws InterruptedException {
    CollectingSink sink = new CollectingSink(2); // refuses the second indication
    backend.start(subscribe(CIMV2, "SELECT * FROM __InstanceCreationEvent"), sink);
    for (String name : List.of("S1", "S2", "S3", "S4")) {
      repository.create(CIMV2, share(name));
    }
    CollectingSink.Completion completion = sink.await();
    assertThat(completion.result()).isEqualTo(MiResult.FAILED);
    assertThat(completion.errorMessage()).isEqualTo("the operation was cancelled");
    assertThat(sink.indications()).hasSize(2);
    assertThat(sink.completions()).isEqualTo(1);
  }

  @Test
  void anIdleSubscriptionNoticesCancellationPromptly() {
    CollectingSink sink = start(PROCESS_CREATION);
    sink.cancel();
    assertThat(sink.await(Duration.ofSeconds(2)).result()).isEqualTo(MiResult.FAILED);
  }

  @Test
  void projectionAppliesToTheIndication() throws InterruptedException {
    CollectingSink sink = start("SELECT TargetInstance FROM __InstanceCreationEvent");
    repository.create(CIMV2, share("Projected"));
    MiInstance indication = sink.awaitIndications(1).get(0).instance();
    assertThat(indication.properties().keySet()).containsExactly("TargetInstance");
    sink.cancel();
    sink.await();
  }

  @Test
  void errorsCompleteAtOnce() {
    CollectingSink notEvent =
        CollectingSink.run(backend, subscribe(CIMV2, "SELECT * FROM Win32_Process"));
    assertThat(notEvent.completion().result()).isEqualTo(MiResult.INVALID_CLASS);
    assertThat(notEvent.completion().errorMessage()).contains("not an event class");
    assertThat(
            CollectingSink.run(
                    backend, subscribe(CIMV2, "SELECT * FROM __InstanceCreationEvent WHERE"))
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_QUERY);
    assertThat(
            CollectingSink.run(
                    backend,
                    subscribe(CIMV2, "SELECT * FROM __InstanceCreationEvent WHERE Target = 1"))
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_QUERY);
    assertThat(
            CollectingSink.run(
                    backend,
                    subscribe(
                        CIMV2,
                        "SELECT * FROM __InstanceCreationEvent WHERE TargetInstance ISA 'Nope'"))
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_CLASS);
    assertThat(
            CollectingSink.run(
                    backend,
                    Requests.request(OperationKind.SUBSCRIBE)
                        .namespace(CIMV2)
                        .query("CQL", "SELECT * FROM __InstanceCreationEvent")
                        .build())
                .completion()
                .result())
        .isEqualTo(MiResult.QUERY_LANGUAGE_NOT_SUPPORTED);
    assertThat(
            CollectingSink.run(backend, subscribe("root/none", PROCESS_CREATION))
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_NAMESPACE);
  }

  @Test
  void machineNameComesFromTheBuilder() throws InterruptedException {
    try (EmbeddedBackend named =
        EmbeddedBackend.builder().demoData(true).machineName("WS-042").build()) {
      CollectingSink sink = new CollectingSink();
      named.start(subscribe(CIMV2, "SELECT * FROM __InstanceDeletionEvent"), sink);
      named.repository().delete(CIMV2, keys("Win32_Share", "Name", "C$"));
      assertThat(sink.awaitIndications(1).get(0).machineId()).isEqualTo("WS-042");
      sink.cancel();
      sink.await();
    }
  }
}
