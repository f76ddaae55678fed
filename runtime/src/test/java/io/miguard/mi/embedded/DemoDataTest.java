package io.miguard.mi.embedded;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.embedded.Requests.CIMV2;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo data that samples and tests rely on. */
class DemoDataTest {
  @Test
  void isDeterministic() {
    try (EmbeddedBackend first = EmbeddedBackend.withDemoData();
        EmbeddedBackend second = EmbeddedBackend.withDemoData()) {
      for (String namespace : first.repository().namespaces()) {
        List<MiClass> classes = first.repository().classes(namespace, null, false);
        assertThat(second.repository().classes(namespace, null, false).toString())
            .isEqualTo(classes.toString());
        for (MiClass cimClass : classes) {
          assertThat(second.repository().enumerate(namespace, cimClass.className()))
              .isEqualTo(first.repository().enumerate(namespace, cimClass.className()));
        }
      }
    }
  }

  @Test
  void namespaces() {
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      CimRepository repository = backend.repository();
      assertThat(repository.namespaces()).containsExactly("root", "root/cimv2", "root/security");
      assertThat(repository.enumerate("root", "__Namespace").stream().map(i -> i.get("Name")))
          .containsExactly("cimv2", "security");
    }
  }

  @Test
  void inventorySizes() {
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      CimRepository repository = backend.repository();
      assertThat(repository.enumerate(CIMV2, "Win32_Process")).hasSize(24);
      assertThat(repository.enumerate(CIMV2, "Win32_Service")).hasSize(26);
      assertThat(repository.enumerate(CIMV2, "Win32_LogicalDisk")).hasSize(3);
      assertThat(repository.enumerate(CIMV2, "Win32_Share").stream().map(i -> i.get("Name")))
          .containsExactly("ADMIN$", "C$", "D$", "IPC$", "Projects");
      assertThat(repository.enumerate("root/security", "Audit_LogonEvent")).hasSize(6);
    }
  }

  @Test
  void everyProcessHasTheDocumentedProperties() {
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      for (MiInstance process : backend.repository().enumerate(CIMV2, "Win32_Process")) {
        assertThat(process.get("Handle")).isEqualTo(process.get("ProcessId").toString());
        assertThat(process.get("Name")).isNotNull();
        assertThat(process.get("ParentProcessId")).isNotNull();
        assertThat((Long) process.get("WorkingSetSize")).isGreaterThan(0L);
      }
    }
  }

  @Test
  void runningServicesRunInExistingProcesses() {
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      CimRepository repository = backend.repository();
      for (MiInstance service : repository.enumerate(CIMV2, "Win32_Service")) {
        long pid = (Long) service.get("ProcessId");
        boolean running = service.get("State").equals("Running");
        assertThat(service.get("Started")).isEqualTo(running);
        if (pid != 0) {
          assertThat(running).isTrue();
          assertThat(
                  repository.find(
                      CIMV2, Requests.keys("Win32_Process", "Handle", Long.toString(pid))))
              .isPresent();
        }
      }
    }
  }

  @Test
  void everyDependencyLinksTwoExistingServices() {
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      CimRepository repository = backend.repository();
      List<MiInstance> links = repository.enumerate(CIMV2, "Win32_DependentService");
      assertThat(links.size()).isAtLeast(25);
      for (MiInstance link : links) {
        for (String role : List.of("Antecedent", "Dependent")) {
          assertThat(repository.find(CIMV2, (MiInstance) link.get(role))).isPresent();
        }
      }
    }
  }

  @Test
  void disksAsSamplesExpectThem() {
    try (EmbeddedBackend backend = EmbeddedBackend.withDemoData()) {
      List<MiInstance> disks = backend.repository().enumerate(CIMV2, "Win32_LogicalDisk");
      assertThat(disks.stream().map(d -> d.get("DriveType"))).containsExactly(3L, 3L, 4L).inOrder();
      for (MiInstance disk : disks) {
        assertThat((Long) disk.get("FreeSpace")).isLessThan((Long) disk.get("Size"));
      }
    }
  }
}
