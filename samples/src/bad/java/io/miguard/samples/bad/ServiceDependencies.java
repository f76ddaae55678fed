package io.miguard.samples.bad;

import static io.miguard.samples.Inventory.CIMV2;

import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import java.util.ArrayList;
import java.util.List;

/** Follows service dependencies, stopping at the first result without an instance. */
public final class ServiceDependencies {
  private final MiSession session;

  public ServiceDependencies(MiSession session) {
    this.session = session;
  }

  /**
   * Mistake: the loop ends on a null instance instead of on moreResults (an instance may be null on
   * success), so the close can come before the final result.
   */
  public List<String> dependenciesOf(String serviceName) {
    MiInstance service = MiInstance.builder("Win32_Service").key("Name", serviceName).build();
    List<String> names = new ArrayList<>();
    MiOperation antecedents =
        session.associatorInstances(
            CIMV2, service, "Win32_DependentService", "Win32_Service", "Dependent", "Antecedent");
    while (true) {
      InstanceResult result = antecedents.getInstance();
      if (result.instance() == null) {
        break;
      }
      names.add((String) result.instance().get("Name"));
    }
    antecedents.close(); // miguard: MiCloseBeforeDrain
    return names;
  }
}
