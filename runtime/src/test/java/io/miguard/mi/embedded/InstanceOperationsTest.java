package io.miguard.mi.embedded;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.embedded.Requests.CIMV2;
import static io.miguard.mi.embedded.Requests.keys;
import static io.miguard.mi.embedded.Requests.request;
import static io.miguard.mi.embedded.Requests.withInstance;

import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET, ENUMERATE, CREATE, MODIFY and DELETE through the SPI, on the demo data. */
class InstanceOperationsTest {
  private final EmbeddedBackend backend = EmbeddedBackend.withDemoData();

  @AfterEach
  void close() {
    backend.close();
  }

  private CollectingSink run(io.miguard.mi.spi.OperationRequest request) {
    CollectingSink sink = CollectingSink.run(backend, request);
    assertThat(sink.completions()).isEqualTo(1);
    return sink;
  }

  @Test
  void getDeliversTheInstanceAsTheFinalPayload() {
    CollectingSink sink =
        run(
            withInstance(
                OperationKind.GET_INSTANCE, CIMV2, keys("Win32_Service", "Name", "spooler")));
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
    assertThat(sink.instances()).isEmpty();
    MiInstance spooler = (MiInstance) sink.completion().payload();
    assertThat(spooler.get("Name")).isEqualTo("Spooler");
    assertThat(spooler.get("DisplayName")).isEqualTo("Print Spooler");
    assertThat(spooler.namespace()).isEqualTo(CIMV2);
  }

  @Test
  void getThroughABaseClassFindsTheSubclassInstance() {
    CollectingSink sink =
        run(withInstance(OperationKind.GET_INSTANCE, CIMV2, keys("CIM_Process", "Handle", "4")));
    assertThat(((MiInstance) sink.completion().payload()).className()).isEqualTo("Win32_Process");
  }

  @Test
  void getErrors() {
    assertThat(
            run(withInstance(
                    OperationKind.GET_INSTANCE, CIMV2, keys("Win32_Service", "Name", "nope")))
                .completion()
                .result())
        .isEqualTo(MiResult.NOT_FOUND);
    assertThat(
            run(withInstance(OperationKind.GET_INSTANCE, CIMV2, keys("Win32_Nothing", "Name", "x")))
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_CLASS);
    assertThat(
            run(withInstance(
                    OperationKind.GET_INSTANCE, CIMV2, MiInstance.builder("Win32_Service").build()))
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(
            run(request(OperationKind.GET_INSTANCE).namespace(CIMV2).build()).completion().result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    CollectingSink badNamespace =
        run(
            withInstance(
                OperationKind.GET_INSTANCE, "root/nowhere", keys("Win32_Service", "Name", "x")));
    assertThat(badNamespace.completion().result()).isEqualTo(MiResult.INVALID_NAMESPACE);
    assertThat(badNamespace.completion().errorMessage())
        .isEqualTo("namespace root/nowhere does not exist");
    CollectingSink emptyNamespace = run(Requests.enumerate("", "Win32_Service"));
    assertThat(emptyNamespace.completion().result()).isEqualTo(MiResult.INVALID_NAMESPACE);
    assertThat(emptyNamespace.completion().errorMessage())
        .isEqualTo("the namespace name is empty; name one, such as root/cimv2");
    CollectingSink emptyClass = run(Requests.enumerate(CIMV2, ""));
    assertThat(emptyClass.completion().result()).isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(emptyClass.completion().errorMessage()).isEqualTo("no class name given");
  }

  @Test
  void enumerateDeliversEachInstanceThenCompletesWithoutPayload() {
    CollectingSink sink = run(Requests.enumerate(CIMV2, "Win32_Service"));
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
    assertThat(sink.completion().payload()).isNull();
    assertThat(sink.instances()).hasSize(26);
    assertThat(sink.deliveringThread().getName()).matches("miguard-backend-\\d+");
    assertThat(sink.deliveringThread().isDaemon()).isTrue();
  }

  @Test
  void enumerateIsDeep() {
    CollectingSink managed = run(Requests.enumerate(CIMV2, "CIM_ManagedSystemElement"));
    assertThat(managed.instances().stream().map(MiInstance::className).distinct())
        .containsExactly("Win32_Process", "Win32_Service", "Win32_LogicalDisk", "Win32_Share");
    assertThat(managed.instances()).hasSize(24 + 26 + 3 + 5);
  }

  @Test
  void enumerateErrors() {
    assertThat(run(Requests.enumerate(CIMV2, "Win32_Nothing")).completion().result())
        .isEqualTo(MiResult.INVALID_CLASS);
    assertThat(run(Requests.enumerate(CIMV2, null)).completion().result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(run(Requests.enumerate(null, "Win32_Service")).completion().result())
        .isEqualTo(MiResult.INVALID_NAMESPACE);
  }

  @Test
  void createReturnsTheStoredInstanceAndEnumerateSeesIt() {
    MiInstance share =
        MiInstance.builder("Win32_Share")
            .key("Name", "Builds")
            .property("Path", "D:\\Builds")
            .property("Type", 0)
            .build();
    CollectingSink sink = run(withInstance(OperationKind.CREATE_INSTANCE, CIMV2, share));
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
    MiInstance created = (MiInstance) sink.completion().payload();
    assertThat(created.get("Path")).isEqualTo("D:\\Builds");
    assertThat(created.get("Type")).isEqualTo(0L);
    assertThat(run(Requests.enumerate(CIMV2, "Win32_Share")).instances()).hasSize(6);
  }

  @Test
  void createErrors() {
    assertThat(
            run(withInstance(
                    OperationKind.CREATE_INSTANCE, CIMV2, keys("Win32_Share", "Name", "c$")))
                .completion()
                .result())
        .isEqualTo(MiResult.ALREADY_EXISTS);
    assertThat(
            run(withInstance(
                    OperationKind.CREATE_INSTANCE,
                    CIMV2,
                    MiInstance.builder("Win32_Share").property("Path", "x").build()))
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(
            run(withInstance(
                    OperationKind.CREATE_INSTANCE,
                    CIMV2,
                    keys("Win32_Share", "Name", "New").toBuilder()
                        .property("Color", "red")
                        .build()))
                .completion()
                .result())
        .isEqualTo(MiResult.NO_SUCH_PROPERTY);
    assertThat(
            run(withInstance(OperationKind.CREATE_INSTANCE, CIMV2, keys("NoClass", "Name", "x")))
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_CLASS);
  }

  @Test
  void modifyChangesTheGivenPropertiesAndReturnsTheResult() {
    MiInstance change =
        keys("Win32_LogicalDisk", "DeviceID", "C:").toBuilder()
            .property("VolumeName", "OS")
            .build();
    CollectingSink sink = run(withInstance(OperationKind.MODIFY_INSTANCE, CIMV2, change));
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
    MiInstance modified = (MiInstance) sink.completion().payload();
    assertThat(modified.get("VolumeName")).isEqualTo("OS");
    assertThat(modified.get("FileSystem")).isEqualTo("NTFS");
    assertThat(
            backend
                .repository()
                .get(CIMV2, keys("Win32_LogicalDisk", "DeviceID", "c:"))
                .get("VolumeName"))
        .isEqualTo("OS");
  }

  @Test
  void modifyErrors() {
    assertThat(
            run(withInstance(
                    OperationKind.MODIFY_INSTANCE,
                    CIMV2,
                    keys("Win32_LogicalDisk", "DeviceID", "Q:")))
                .completion()
                .result())
        .isEqualTo(MiResult.NOT_FOUND);
    assertThat(
            run(withInstance(
                    OperationKind.MODIFY_INSTANCE,
                    CIMV2,
                    keys("Win32_LogicalDisk", "DeviceID", "C:").toBuilder()
                        .property("Speed", 7)
                        .build()))
                .completion()
                .result())
        .isEqualTo(MiResult.NO_SUCH_PROPERTY);
    assertThat(
            run(withInstance(
                    OperationKind.MODIFY_INSTANCE,
                    CIMV2,
                    keys("Win32_LogicalDisk", "DeviceID", "C:").toBuilder()
                        .property("Size", "big")
                        .build()))
                .completion()
                .result())
        .isEqualTo(MiResult.TYPE_MISMATCH);
  }

  @Test
  void deleteCompletesWithoutPayloadAndTheInstanceIsGone() {
    CollectingSink sink =
        run(
            withInstance(
                OperationKind.DELETE_INSTANCE, CIMV2, keys("Win32_Share", "Name", "Projects")));
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
    assertThat(sink.completion().payload()).isNull();
    assertThat(
            run(withInstance(
                    OperationKind.DELETE_INSTANCE, CIMV2, keys("Win32_Share", "Name", "Projects")))
                .completion()
                .result())
        .isEqualTo(MiResult.NOT_FOUND);
  }
}
