package io.miguard.mi;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.AsynchronousOperationTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.miguard.mi.RecordingCallbacks.Delivery;
import io.miguard.mi.embedded.EmbeddedBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The binding end to end against the embedded backend's demo data. */
class EmbeddedEndToEndTest {
  private static final String CIMV2 = "root/cimv2";
  private static final String SECURITY = "root/security";
  private static final String WQL = "WQL";
  private static final Identity AUDITOR = Identity.of("CORP\\auditor");
  private static final Identity MALLORY = Identity.of("CORP\\mallory");
  private static final Duration BOUND = Duration.ofSeconds(10);

  private EmbeddedBackend backend;
  private MiApplication app;
  private MiSession session;

  @BeforeEach
  void open() {
    backend = EmbeddedBackend.withDemoData();
    app = MiApplication.initialize("e2e", backend);
    session = app.newSession(null, null);
  }

  @AfterEach
  void releaseEverything() throws InterruptedException {
    assertThat(app.openOperationCount()).isEqualTo(0);
    app.close();
    assertThat(app.awaitTermination(BOUND)).isTrue();
    assertThat(backend.isClosed()).isTrue();
    assertThat(backend.awaitTermination(BOUND)).isTrue();
  }

  @Test
  void initializeWithoutBackendServesTheDemoData() {
    try (MiApplication demo = MiApplication.initialize("demo");
        MiSession local = demo.newSession(null, null);
        MiOperation processes = local.enumerateInstances(CIMV2, "Win32_Process")) {
      assertThat(processes.drainInstances()).hasSize(24);
    }
  }

  @Test
  void enumerateProcessesWithAForEach() {
    List<Object> names = new ArrayList<>();
    try (MiOperation processes = session.enumerateInstances(CIMV2, "Win32_Process")) {
      for (MiInstance process : processes.instances()) {
        names.add(process.get("Name"));
      }
    }
    assertThat(names).hasSize(24);
    assertThat(names).containsAtLeast("System", "explorer.exe", "java.exe");
  }

  @Test
  void enumerateIncludesSubclasses() {
    try (MiOperation op = session.enumerateInstances(CIMV2, "CIM_LogicalDisk")) {
      assertThat(op.drainInstances().stream().map(disk -> disk.get("DeviceID")).toList())
          .containsExactly("C:", "D:", "Z:");
    }
  }

  @Test
  void queryWithACondition() {
    try (MiOperation op =
        session.queryInstances(
            CIMV2, WQL, "SELECT Name, ProcessId FROM Win32_Process WHERE Name = 'svchost.exe'")) {
      List<MiInstance> svchosts = op.drainInstances();
      assertThat(svchosts.stream().map(p -> p.get("ProcessId")).toList())
          .containsExactly(864L, 948L, 1032L, 1168L, 1276L);
    }
  }

  @Test
  void associatorsFollowTheServiceDependencies() {
    MiInstance workstation =
        MiInstance.builder("Win32_Service").key("Name", "LanmanWorkstation").build();
    try (MiOperation op =
        session.associatorInstances(
            CIMV2, workstation, "Win32_DependentService", null, "Dependent", "Antecedent")) {
      // CIM names are case-insensitive; the demo data spells the service "nsi".
      assertThat(
              op.drainInstances().stream()
                  .map(s -> s.get("Name").toString().toLowerCase(java.util.Locale.ROOT))
                  .toList())
          .containsExactly("bowser", "mrxsmb20", "nsi");
    }
  }

  @Test
  void referencesReturnTheAssociationInstances() {
    MiInstance workstation =
        MiInstance.builder("Win32_Service").key("Name", "LanmanWorkstation").build();
    try (MiOperation op =
        session.referenceInstances(CIMV2, workstation, "Win32_DependentService", "Dependent")) {
      List<MiInstance> references = op.drainInstances();
      assertThat(references).hasSize(3);
      for (MiInstance reference : references) {
        assertThat(reference.className()).isEqualTo("Win32_DependentService");
      }
    }
  }

  @Test
  void getInstanceByKey() {
    MiInstance keys = MiInstance.builder("Win32_LogicalDisk").key("DeviceID", "C:").build();
    try (MiOperation op = session.getInstance(CIMV2, keys)) {
      InstanceResult result = op.getInstance();
      assertThat(result.moreResults()).isFalse();
      assertThat(result.resultCode()).isEqualTo(MiResult.OK);
      assertThat(result.instance().get("DriveType")).isEqualTo(3L);
    }
  }

  @Test
  void createModifyDeleteAShare() {
    MiInstance scratch =
        MiInstance.builder("Win32_Share")
            .key("Name", "Scratch")
            .property("Path", "D:\\Scratch")
            .property("Type", 0L)
            .build();
    try (MiOperation create = session.createInstance(CIMV2, scratch)) {
      assertThat(create.getInstance().resultCode()).isEqualTo(MiResult.OK);
    }
    MiInstance changed = scratch.toBuilder().property("Path", "E:\\Scratch").build();
    try (MiOperation modify = session.modifyInstance(CIMV2, changed)) {
      assertThat(modify.getInstance().resultCode()).isEqualTo(MiResult.OK);
    }
    MiInstance keys = MiInstance.builder("Win32_Share").key("Name", "Scratch").build();
    try (MiOperation get = session.getInstance(CIMV2, keys)) {
      assertThat(get.getInstance().instance().get("Path")).isEqualTo("E:\\Scratch");
    }
    try (MiOperation delete = session.deleteInstance(CIMV2, keys)) {
      assertThat(delete.getInstance().resultCode()).isEqualTo(MiResult.OK);
    }
    try (MiOperation get = session.getInstance(CIMV2, keys)) {
      InstanceResult gone = get.getInstance();
      assertThat(gone.moreResults()).isFalse();
      assertThat(gone.resultCode()).isEqualTo(MiResult.NOT_FOUND);
    }
  }

  @Test
  void invokeAStaticMethod() {
    MiInstance in =
        MiInstance.builder("__Parameters").property("CommandLine", "notepad.exe").build();
    try (MiOperation op = session.invoke(CIMV2, "Win32_Process", "Create", null, in)) {
      InstanceResult result = op.getInstance();
      assertThat(result.resultCode()).isEqualTo(MiResult.OK);
      assertThat(result.instance().get("ReturnValue")).isEqualTo(0L);
      assertThat((Long) result.instance().get("ProcessId")).isAtLeast(7000L);
    }
  }

  @Test
  void synchronousSubscriptionSeesACreatedProcessAndEndsByCancel() {
    MiOperation events =
        session.subscribe(
            CIMV2,
            WQL,
            "SELECT * FROM __InstanceCreationEvent WITHIN 1 WHERE TargetInstance ISA"
                + " 'Win32_Process'");
    try {
      MiInstance in =
          MiInstance.builder("__Parameters").property("CommandLine", "notepad.exe a.txt").build();
      try (MiOperation create = session.invoke(CIMV2, "Win32_Process", "Create", null, in)) {
        create.getInstance();
      }
      IndicationResult event = assertTimeoutPreemptively(BOUND, events::getIndication);
      assertThat(event.moreResults()).isTrue();
      MiInstance target = (MiInstance) event.instance().get("TargetInstance");
      assertThat(target.className()).isEqualTo("Win32_Process");
      assertThat((String) target.get("CommandLine")).contains("notepad.exe a.txt");
      assertThat(event.machineId()).isEqualTo(backend.machineName());
    } finally {
      events.cancel(CancellationReason.NONE);
      IndicationResult last;
      do {
        last = events.getIndication();
      } while (last.moreResults());
      assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
      events.close();
    }
  }

  @Test
  void classOperations() {
    try (MiOperation get = session.getCimClass(CIMV2, "Win32_Process")) {
      ClassResult result = get.getCimClass();
      assertThat(result.moreResults()).isFalse();
      assertThat(result.cimClass().superClassName()).isEqualTo("CIM_Process");
    }
    try (MiOperation classes = session.enumerateClasses(CIMV2, "CIM_LogicalDevice", false)) {
      assertThat(classes.drainClasses().stream().map(MiClass::className).toList())
          .containsExactly("CIM_LogicalDevice", "CIM_LogicalDisk", "Win32_LogicalDisk");
    }
    try (MiOperation missing = session.getCimClass(CIMV2, "Win32_Nothing")) {
      assertThat(missing.getCimClass().resultCode()).isEqualTo(MiResult.NOT_FOUND);
    }
  }

  @Test
  void testConnectionSucceeds() {
    try (MiOperation op = session.testConnection()) {
      assertThat(op.getInstance().resultCode()).isEqualTo(MiResult.OK);
    }
  }

  @Test
  void serverErrorsArriveAsFinalResults() {
    try (MiOperation op = session.enumerateInstances("root/nowhere", "Win32_Process")) {
      InstanceResult result = op.getInstance();
      assertThat(result.moreResults()).isFalse();
      assertThat(result.resultCode()).isEqualTo(MiResult.INVALID_NAMESPACE);
    }
    try (MiOperation op = session.queryInstances(CIMV2, WQL, "SELECT FROM")) {
      assertThat(op.getInstance().resultCode()).isEqualTo(MiResult.INVALID_QUERY);
    }
  }

  @Test
  void securityNamespaceIsReadableOnlyBySomeIdentities() {
    try (MiOperation asProcess = session.enumerateInstances(SECURITY, "Audit_LogonEvent")) {
      assertThat(asProcess.drainInstances()).hasSize(6);
    }
    try (Impersonation as = SecurityContext.impersonate(AUDITOR);
        MiOperation asAuditor = session.enumerateInstances(SECURITY, "Audit_LogonEvent")) {
      assertThat(asAuditor.drainInstances()).hasSize(6);
    }
    try (Impersonation as = SecurityContext.impersonate(MALLORY);
        MiOperation asMallory = session.enumerateInstances(SECURITY, "Audit_LogonEvent")) {
      MiException denied = assertThrows(MiException.class, asMallory::drainInstances);
      assertThat(denied.result()).isEqualTo(MiResult.ACCESS_DENIED);
      assertThat(asMallory.isDrained()).isTrue();
    }
  }

  @Test
  void bothRulesAreEnforcedWithTheEmbeddedBackend() {
    MiOperation records;
    try (Impersonation as = SecurityContext.impersonate(AUDITOR)) {
      records = session.enumerateInstances(SECURITY, "Audit_LogonEvent");
      records.getInstance();
      MiException undrained = assertThrows(MiException.class, records::close);
      assertThat(undrained.result()).isEqualTo(MiResult.FAILED);
      records.drainInstances();
    }
    MiException foreign = assertThrows(MiException.class, records::close);
    assertThat(foreign.result()).isEqualTo(MiResult.ACCESS_DENIED);
    assertThat(foreign.errorMessage()).contains("CORP\\auditor");
    SecurityContext.runAs(AUDITOR, records::close);
    assertThat(records.isClosed()).isTrue();
  }

  @Test
  void asynchronousEnumerationAndInvoke() throws Exception {
    RecordingCallbacks processes = new RecordingCallbacks();
    RecordingCallbacks created = new RecordingCallbacks();
    MiOperation enumeration;
    MiOperation invoke;
    try (Impersonation as = SecurityContext.impersonate(AUDITOR)) {
      enumeration = session.enumerateInstances(CIMV2, "Win32_Process", processes);
      invoke =
          session.invoke(
              CIMV2,
              "Win32_Process",
              "Create",
              null,
              MiInstance.builder("__Parameters").property("CommandLine", "calc.exe").build(),
              created);
    }
    assertThat(processes.awaitFinal().resultCode()).isEqualTo(MiResult.OK);
    assertThat(processes.payloads().size()).isAtLeast(24);
    Delivery result = created.awaitFinal();
    assertThat(((MiInstance) result.payload()).get("ReturnValue")).isEqualTo(0L);
    assertThat(result.identity()).isEqualTo(AUDITOR);
    SecurityContext.runAs(
        AUDITOR,
        () -> {
          enumeration.close();
          invoke.close();
        });
  }

  @Test
  void asynchronousSubscriptionClosedFromItsCallback() throws Exception {
    RecordingCallbacks callbacks =
        new RecordingCallbacks() {
          @Override
          void onResult(MiOperation operation, Delivery delivery, ResultAcknowledgement ack) {
            if (delivery.moreResults()) {
              operation.close();
            }
          }
        };
    MiOperation events =
        session.subscribe(
            CIMV2,
            WQL,
            "SELECT * FROM __InstanceDeletionEvent WHERE TargetInstance ISA 'Win32_Share'",
            callbacks);
    MiInstance keys = MiInstance.builder("Win32_Share").key("Name", "Projects").build();
    try (MiOperation delete = session.deleteInstance(CIMV2, keys)) {
      assertThat(delete.getInstance().resultCode()).isEqualTo(MiResult.OK);
    }
    Delivery last = callbacks.awaitFinal();
    assertThat(events.isClosed()).isTrue();
    assertThat(callbacks.payloads()).hasSize(1);
    MiInstance deleted =
        (MiInstance) ((MiInstance) callbacks.payloads().get(0)).get("TargetInstance");
    assertThat(deleted.get("Name")).isEqualTo("Projects");
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
  }

  @Test
  void applicationCloseReleasesRunningOperationsAndBackendThreads() throws Exception {
    MiSession other = app.newSession(null, null);
    MiOperation undrained = session.enumerateInstances(CIMV2, "Win32_Process");
    undrained.getInstance();
    session.subscribe(
        CIMV2, WQL, "SELECT * FROM __InstanceModificationEvent", new RecordingCallbacks());
    other.subscribe(CIMV2, WQL, "SELECT * FROM __InstanceCreationEvent");

    assertTimeoutPreemptively(BOUND, app::close);

    assertThat(app.openOperationCount()).isEqualTo(0);
    assertThat(undrained.isClosed()).isTrue();
    assertThat(backend.awaitTermination(BOUND)).isTrue();
    waitUntil(() -> backend.liveThreadCount() == 0);
    assertThat(app.awaitTermination(BOUND)).isTrue();
  }
}
