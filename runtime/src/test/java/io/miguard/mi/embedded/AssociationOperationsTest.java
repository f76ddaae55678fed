package io.miguard.mi.embedded;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.embedded.Requests.CIMV2;
import static io.miguard.mi.embedded.Requests.keys;
import static io.miguard.mi.embedded.Requests.request;

import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationKind;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ASSOCIATOR_INSTANCES and REFERENCE_INSTANCES: the demo's service graph and a small zoo. */
class AssociationOperationsTest {
  private final EmbeddedBackend backend = EmbeddedBackend.withDemoData();

  @AfterEach
  void close() {
    backend.close();
  }

  private CollectingSink associators(
      String namespace,
      MiInstance source,
      String associationClass,
      String resultClass,
      String role,
      String resultRole) {
    CollectingSink sink =
        CollectingSink.run(
            backend,
            request(OperationKind.ASSOCIATOR_INSTANCES)
                .namespace(namespace)
                .instance(source)
                .association(associationClass, resultClass, role, resultRole)
                .build());
    assertThat(sink.completions()).isEqualTo(1);
    return sink;
  }

  private CollectingSink references(
      String namespace, MiInstance source, String resultClass, String role) {
    CollectingSink sink =
        CollectingSink.run(
            backend,
            request(OperationKind.REFERENCE_INSTANCES)
                .namespace(namespace)
                .instance(source)
                .association(null, resultClass, role, null)
                .build());
    assertThat(sink.completions()).isEqualTo(1);
    return sink;
  }

  private static List<Object> names(CollectingSink sink) {
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
    return sink.instances().stream().map(i -> i.get("Name")).toList();
  }

  private static MiInstance service(String name) {
    return keys("Win32_Service", "Name", name);
  }

  @Test
  void whatAServiceDependsOn() {
    // The service is the Dependent; the results are the Antecedents.
    assertThat(
            names(
                associators(
                    CIMV2,
                    service("LanmanWorkstation"),
                    "Win32_DependentService",
                    "Win32_Service",
                    "Dependent",
                    "Antecedent")))
        .containsExactly("Bowser", "MRxSmb20", "nsi")
        .inOrder();
    assertThat(
            names(
                associators(
                    CIMV2, service("Dnscache"), "Win32_DependentService", null, "Dependent", null)))
        .containsExactly("nsi", "Tdx");
  }

  @Test
  void whatDependsOnAService() {
    assertThat(
            names(
                associators(
                    CIMV2,
                    service("nsi"),
                    "Win32_DependentService",
                    "Win32_Service",
                    "Antecedent",
                    "Dependent")))
        .containsExactly("LanmanWorkstation", "Dnscache", "Dhcp", "NlaSvc");
  }

  @Test
  void withoutRolesBothDirectionsAreFollowedAndResultsAreDistinct() {
    assertThat(names(associators(CIMV2, service("nsi"), null, null, null, null)))
        .containsExactly("LanmanWorkstation", "Dnscache", "Dhcp", "NlaSvc", "RpcSs");
  }

  @Test
  void associationClassFilterHonoursInheritance() {
    assertThat(names(associators(CIMV2, service("Netlogon"), "CIM_Dependency", null, null, null)))
        .containsExactly("LanmanWorkstation");
    assertThat(
            names(
                associators(
                    CIMV2, service("Netlogon"), "CIM_ServiceServiceDependency", null, null, null)))
        .containsExactly("LanmanWorkstation");
  }

  @Test
  void resultClassFilterHonoursInheritance() {
    assertThat(names(associators(CIMV2, service("Netlogon"), null, "CIM_Service", null, null)))
        .containsExactly("LanmanWorkstation");
    assertThat(
            names(associators(CIMV2, service("Netlogon"), null, "Win32_LogicalDisk", null, null)))
        .isEmpty();
  }

  @Test
  void roleThatDoesNotMatchGivesNothing() {
    assertThat(names(associators(CIMV2, service("Netlogon"), null, null, "Antecedent", null)))
        .isEmpty();
    assertThat(
            names(associators(CIMV2, service("Netlogon"), null, null, "dependent", "ANTECEDENT")))
        .containsExactly("LanmanWorkstation");
  }

  @Test
  void referencesReturnTheAssociationInstances() {
    // nsi is the Antecedent of four services and the Dependent of RpcSs.
    CollectingSink sink = references(CIMV2, service("nsi"), null, null);
    assertThat(sink.instances()).hasSize(5);
    for (MiInstance link : sink.instances()) {
      assertThat(link.className()).isEqualTo("Win32_DependentService");
    }
    CollectingSink asDependent = references(CIMV2, service("nsi"), null, "Dependent");
    assertThat(
            asDependent.instances().stream()
                .map(i -> ((MiInstance) i.get("Antecedent")).get("Name")))
        .containsExactly("RpcSs");
    CollectingSink asAntecedent = references(CIMV2, service("nsi"), "CIM_Dependency", "Antecedent");
    assertThat(
            asAntecedent.instances().stream()
                .map(i -> ((MiInstance) i.get("Dependent")).get("Name")))
        .containsExactly("LanmanWorkstation", "Dnscache", "Dhcp", "NlaSvc");
    assertThat(references(CIMV2, service("nsi"), "Win32_Share", null).instances()).isEmpty();
    assertThat(references(CIMV2, service("nsi"), "Win32_Share", null).completion().result())
        .isEqualTo(MiResult.OK);
  }

  @Test
  void referenceValuesHoldTheReferencedClassAndKeys() {
    MiInstance link = references(CIMV2, service("Netlogon"), null, null).instances().get(0);
    MiInstance antecedent = (MiInstance) link.get("Antecedent");
    assertThat(antecedent.className()).isEqualTo("Win32_Service");
    assertThat(antecedent.properties()).containsExactly("Name", "LanmanWorkstation");
    assertThat(antecedent.keyNames()).containsExactly("Name");
    assertThat(antecedent.namespace()).isEqualTo(CIMV2);
  }

  @Test
  void errors() {
    assertThat(
            associators(CIMV2, service("NoSuchService"), null, null, null, null)
                .completion()
                .result())
        .isEqualTo(MiResult.NOT_FOUND);
    assertThat(
            associators(CIMV2, service("nsi"), "NoSuchAssoc", null, null, null)
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_CLASS);
    assertThat(
            associators(CIMV2, service("nsi"), null, "NoSuchClass", null, null)
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_CLASS);
    assertThat(associators(CIMV2, null, null, null, null, null).completion().result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(references(CIMV2, keys("NoClass", "Name", "x"), null, null).completion().result())
        .isEqualTo(MiResult.INVALID_CLASS);
  }

  @Test
  void danglingReferencesAreSkippedAndNewLinksAreSeen() {
    CimRepository repository = backend.repository();
    repository.delete(CIMV2, service("Bowser"));
    assertThat(
            names(
                associators(
                    CIMV2, service("LanmanWorkstation"), null, null, "Dependent", "Antecedent")))
        .containsExactly("MRxSmb20", "nsi");
    repository.create(
        CIMV2,
        MiInstance.builder("Win32_DependentService")
            .key("Antecedent", service("W32Time"))
            .key("Dependent", service("LanmanWorkstation"))
            .build());
    assertThat(
            names(
                associators(
                    CIMV2, service("LanmanWorkstation"), null, null, "Dependent", "Antecedent")))
        .containsExactly("MRxSmb20", "nsi", "W32Time");
  }

  @Test
  void associationsWithThreeReferencesAndSubclassResults() {
    CimRepository repository = backend.repository();
    String ns = "root/zoo";
    repository.createNamespace(ns);
    repository.defineClass(ns, ClassDeclaration.builder("Animal").key("Name", "string").build());
    repository.defineClass(ns, ClassDeclaration.builder("Lion").superclass("Animal").build());
    repository.defineClass(ns, ClassDeclaration.builder("Keeper").key("Name", "string").build());
    repository.defineClass(ns, ClassDeclaration.builder("Enclosure").key("Name", "string").build());
    repository.defineClass(
        ns,
        ClassDeclaration.builder("Care")
            .keyReference("Animal", "Animal")
            .keyReference("Keeper", "Keeper")
            .reference("Place", "Enclosure")
            .build());
    repository.create(ns, keys("Lion", "Name", "Leo"));
    repository.create(ns, keys("Animal", "Name", "Goat"));
    repository.create(ns, keys("Keeper", "Name", "Kim"));
    repository.create(ns, keys("Enclosure", "Name", "Savanna"));
    for (String animal : List.of("Leo", "Goat")) {
      repository.create(
          ns,
          MiInstance.builder("Care")
              .key("Animal", keys("Animal", "Name", animal))
              .key("Keeper", keys("Keeper", "Name", "Kim"))
              .property("Place", keys("Enclosure", "Name", "Savanna"))
              .build());
    }
    MiInstance kim = keys("Keeper", "Name", "Kim");
    assertThat(names(associators(ns, kim, null, null, null, null)))
        .containsExactly("Leo", "Savanna", "Goat")
        .inOrder();
    assertThat(names(associators(ns, kim, "Care", "Lion", "Keeper", null))).containsExactly("Leo");
    assertThat(names(associators(ns, kim, null, "Animal", null, "Animal")))
        .containsExactly("Leo", "Goat");
    assertThat(names(associators(ns, kim, null, null, null, "Place"))).containsExactly("Savanna");
    // The Lion is found through a reference that names its superclass.
    assertThat(names(associators(ns, keys("Lion", "Name", "leo"), null, null, null, "Keeper")))
        .containsExactly("Kim");
    assertThat(references(ns, keys("Enclosure", "Name", "Savanna"), null, "Place").instances())
        .hasSize(2);
  }
}
