package io.miguard.mi.embedded;

import io.miguard.mi.Identity;
import java.util.List;

/**
 * Installs the demo namespaces, data, methods and access rules described at {@link
 * EmbeddedBackend#withDemoData()}.
 */
final class DemoData {
  /** The identity besides the process's own ({@code SYSTEM}) that may use root/security. */
  static final String AUDITOR = "CORP\\auditor";

  private DemoData() {}

  static void install(EmbeddedBackend backend) {
    CimRepository repository = backend.repository();
    repository.createNamespace(DemoSchema.CIMV2);
    repository.createNamespace(DemoSchema.SECURITY);
    DemoSchema.cimv2().forEach(c -> repository.defineClass(DemoSchema.CIMV2, c));
    DemoSchema.security().forEach(c -> repository.defineClass(DemoSchema.SECURITY, c));
    createAll(repository, DemoSchema.CIMV2, DemoInventory.processes());
    createAll(repository, DemoSchema.CIMV2, DemoInventory.services());
    createAll(repository, DemoSchema.CIMV2, DemoInventory.dependencies());
    createAll(repository, DemoSchema.CIMV2, DemoInventory.disks());
    createAll(repository, DemoSchema.CIMV2, DemoInventory.shares());
    createAll(repository, DemoSchema.SECURITY, DemoInventory.logonEvents());
    new DemoProviders().register(backend);
    backend.setAccessRule(
        DemoSchema.SECURITY, AccessRule.onlyFor(Identity.process().name(), AUDITOR));
  }

  private static void createAll(
      CimRepository repository, String namespace, List<io.miguard.mi.MiInstance> instances) {
    instances.forEach(instance -> repository.create(namespace, instance));
  }
}
