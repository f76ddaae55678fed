package io.miguard.mi.embedded;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.embedded.Requests.CIMV2;
import static io.miguard.mi.embedded.Requests.request;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationKind;
import io.miguard.mi.spi.OperationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET_CLASS, ENUMERATE_CLASSES and TEST_CONNECTION. */
class ClassOperationsTest {
  private final EmbeddedBackend backend = EmbeddedBackend.withDemoData();

  @AfterEach
  void close() {
    backend.close();
  }

  private CollectingSink run(OperationRequest request) {
    CollectingSink sink = CollectingSink.run(backend, request);
    assertThat(sink.completions()).isEqualTo(1);
    return sink;
  }

  private CollectingSink getCimClass(String className) {
    return run(request(OperationKind.GET_CLASS).namespace(CIMV2).className(className).build());
  }

  private CollectingSink enumerateClasses(String className, boolean namesOnly) {
    return run(
        request(OperationKind.ENUMERATE_CLASSES)
            .namespace(CIMV2)
            .className(className)
            .namesOnly(namesOnly)
            .build());
  }

  @Test
  void getClassDeliversTheClassWithInheritedMembersAsFinalPayload() {
    CollectingSink sink = getCimClass("win32_process");
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
    assertThat(sink.classes()).isEmpty();
    MiClass process = (MiClass) sink.completion().payload();
    assertThat(process.className()).isEqualTo("Win32_Process");
    assertThat(process.superClassName()).isEqualTo("CIM_Process");
    assertThat(process.namespace()).isEqualTo(CIMV2);
    assertThat(process.properties()).contains(new MiClass.Property("Handle", "string", true));
    assertThat(process.properties()).contains(new MiClass.Property("Caption", "string", false));
    MiClass.Method create =
        process.methods().stream().filter(m -> m.name().equals("Create")).findFirst().orElseThrow();
    assertThat(create.isStatic()).isTrue();
    assertThat(create.parameters())
        .contains(new MiClass.Parameter("ProcessId", "uint32", false, true));
  }

  @Test
  void getClassOfAnUnknownClassIsNotFound() {
    assertThat(getCimClass("Win32_Nothing").completion().result()).isEqualTo(MiResult.NOT_FOUND);
    assertThat(getCimClass(null).completion().result()).isEqualTo(MiResult.INVALID_PARAMETER);
  }

  @Test
  void enumerateClassesOfAClassIsThatClassAndItsSubclassesDeep() {
    CollectingSink sink = enumerateClasses("CIM_Service", false);
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
    assertThat(sink.completion().payload()).isNull();
    assertThat(sink.classes().stream().map(MiClass::className))
        .containsExactly("CIM_Service", "Win32_BaseService", "Win32_Service")
        .inOrder();
    assertThat(sink.classes().get(2).properties()).isNotEmpty();
  }

  @Test
  void enumerateAllClassesIncludesSystemClasses() {
    CollectingSink sink = enumerateClasses(null, false);
    assertThat(sink.classes().stream().map(MiClass::className))
        .containsAtLeast(
            "__Namespace",
            "__Parameters",
            "__InstanceModificationEvent",
            "CIM_ManagedSystemElement",
            "Win32_Process",
            "Win32_DependentService",
            "Win32_Share");
  }

  @Test
  void namesOnlyLeavesOutMembers() {
    CollectingSink sink = enumerateClasses("CIM_Process", true);
    assertThat(sink.classes()).hasSize(2);
    for (MiClass cimClass : sink.classes()) {
      assertThat(cimClass.properties()).isEmpty();
      assertThat(cimClass.methods()).isEmpty();
    }
    assertThat(sink.classes().get(1).superClassName()).isEqualTo("CIM_Process");
  }

  @Test
  void enumerateClassesOfAnUnknownClassIsInvalidClass() {
    assertThat(enumerateClasses("Nothing", true).completion().result())
        .isEqualTo(MiResult.INVALID_CLASS);
  }

  @Test
  void testConnectionCompletesOkWithoutPayload() {
    CollectingSink sink = run(request(OperationKind.TEST_CONNECTION).build());
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
    assertThat(sink.completion().payload()).isNull();
    assertThat(sink.deliveringThread().getName()).startsWith("miguard-backend-");
  }
}
