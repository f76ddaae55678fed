package io.miguard.samples.good;

import static io.miguard.samples.Inventory.CIMV2;

import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiResult;
import io.miguard.mi.MiSession;
import java.util.ArrayList;
import java.util.List;

/** Follows service dependencies through the Win32_DependentService association. */
public final class ServiceDependencies {
  private final MiSession session;

  public ServiceDependencies(MiSession session) {
    this.session = session;
  }

  /** The services the named service depends on. */
  public List<String> dependenciesOf(String serviceName) {
    MiInstance service = MiInstance.builder("Win32_Service").key("Name", serviceName).build();
    List<String> names = new ArrayList<>();
    MiOperation antecedents =
        session.associatorInstances(
            CIMV2, service, "Win32_DependentService", "Win32_Service", "Dependent", "Antecedent");
    while (true) {
      InstanceResult result = antecedents.getInstance();
      if (result.instance() != null) {
        names.add((String) result.instance().get("Name"));
      }
      if (!result.moreResults()) {
        if (result.resultCode() != MiResult.OK) {
          names.add("<error: " + result.errorMessage() + ">");
        }
        break;
      }
    }
    antecedents.close();
    return names;
  }
}
