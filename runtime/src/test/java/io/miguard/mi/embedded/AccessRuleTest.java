package io.miguard.mi.embedded;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.embedded.Requests.keys;

import io.miguard.mi.Identity;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationKind;
import io.miguard.mi.spi.OperationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-namespace access rules, checked against the identity that started the operation. */
class AccessRuleTest {
  private static final String SECURITY = "root/security";
  private static final Identity AUDITOR = Identity.of("CORP\\auditor");
  private static final Identity ALICE = Identity.of("CORP\\alice");

  private final EmbeddedBackend backend = EmbeddedBackend.withDemoData();

  @AfterEach
  void close() {
    backend.close();
  }

  private CollectingSink.Completion run(OperationRequest request) {
    CollectingSink sink = CollectingSink.run(backend, request);
    assertThat(sink.completions()).isEqualTo(1);
    return sink.completion();
  }

  private static OperationRequest enumerateAudit(Identity identity) {
    return OperationRequest.builder(OperationKind.ENUMERATE_INSTANCES, identity)
        .namespace(SECURITY)
        .className("Audit_LogonEvent")
        .build();
  }

  @Test
  void demoAuditRecordsAreReadableBySystemAndTheAuditorOnly() {
    for (Identity allowed :
        new Identity[] {Identity.process(), AUDITOR, Identity.of("corp\\AUDITOR")}) {
      CollectingSink sink = CollectingSink.run(backend, enumerateAudit(allowed));
      assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
      assertThat(sink.instances()).hasSize(6);
    }
    CollectingSink denied = CollectingSink.run(backend, enumerateAudit(ALICE));
    assertThat(denied.completion().result()).isEqualTo(MiResult.ACCESS_DENIED);
    assertThat(denied.completion().errorMessage()).contains("CORP\\alice");
    assertThat(denied.instances()).isEmpty();
  }

  @Test
  void everyKindOfOperationOnAGuardedNamespaceIsChecked() {
    MiInstance record = keys("Audit_LogonEvent", "RecordNumber", 1001L);
    for (OperationKind kind : OperationKind.values()) {
      if (kind == OperationKind.TEST_CONNECTION) {
        continue;
      }
      OperationRequest request =
          OperationRequest.builder(kind, ALICE)
              .namespace(SECURITY)
              .className("Audit_LogonEvent")
              .instance(record)
              .query("WQL", "SELECT * FROM __InstanceCreationEvent")
              .method("Anything", null)
              .build();
      assertThat(run(request).result()).isEqualTo(MiResult.ACCESS_DENIED);
    }
  }

  @Test
  void cimv2IsOpenToEveryone() {
    CollectingSink sink =
        CollectingSink.run(
            backend,
            OperationRequest.builder(OperationKind.ENUMERATE_INSTANCES, ALICE)
                .namespace("root/cimv2")
                .className("Win32_Share")
                .build());
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
  }

  @Test
  void readAndWriteAreSeparateAndRulesReachChildNamespaces() {
    CimRepository repository = backend.repository();
    repository.createNamespace("root/app/settings");
    repository.defineClass(
        "root/app/settings",
        ClassDeclaration.builder("Setting")
            .key("Name", "string")
            .property("Value", "string")
            .build());
    repository.create(
        "root/app/settings",
        MiInstance.builder("Setting").key("Name", "mode").property("Value", "fast").build());
    backend.setAccessRule(
        "root/app", AccessRule.readOnly(identity -> !identity.name().equals("guest")));

    OperationRequest read =
        OperationRequest.builder(OperationKind.GET_INSTANCE, ALICE)
            .namespace("root/app/settings")
            .instance(keys("Setting", "Name", "mode"))
            .build();
    assertThat(run(read).result()).isEqualTo(MiResult.OK);
    OperationRequest guestRead =
        OperationRequest.builder(OperationKind.GET_INSTANCE, Identity.of("guest"))
            .namespace("root/app/settings")
            .instance(keys("Setting", "Name", "mode"))
            .build();
    assertThat(run(guestRead).result()).isEqualTo(MiResult.ACCESS_DENIED);
    OperationRequest write =
        OperationRequest.builder(OperationKind.MODIFY_INSTANCE, ALICE)
            .namespace("root/app/settings")
            .instance(keys("Setting", "Name", "mode").toBuilder().property("Value", "slow").build())
            .build();
    assertThat(run(write).result()).isEqualTo(MiResult.ACCESS_DENIED);
    assertThat(repository.get("root/app/settings", keys("Setting", "Name", "mode")).get("Value"))
        .isEqualTo("fast");

    // A rule of the child's own takes precedence.
    backend.setAccessRule("root/app/settings", AccessRule.allowAll());
    assertThat(run(write).result()).isEqualTo(MiResult.OK);
  }

  @Test
  void unknownNamespaceIsReportedBeforeAccess() {
    OperationRequest request =
        OperationRequest.builder(OperationKind.ENUMERATE_INSTANCES, ALICE)
            .namespace("root/security/none")
            .className("X")
            .build();
    assertThat(run(request).result()).isEqualTo(MiResult.INVALID_NAMESPACE);
  }

  @Test
  void testConnectionNeedsNoAccess() {
    assertThat(run(OperationRequest.builder(OperationKind.TEST_CONNECTION, ALICE).build()).result())
        .isEqualTo(MiResult.OK);
  }
}
