package io.miguard.samples.bad;

import static io.miguard.samples.Inventory.CIMV2;
import static io.miguard.samples.Inventory.WQL;

import io.miguard.mi.MiOperationCallbacks;
import io.miguard.mi.MiSession;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs one query asynchronously in a session of its own. */
public final class OneShotQuery {
  /** Mistake: the final callback closes the session it runs in; native MI deadlocks there. */
  public List<String> serviceNames(MiSession session) {
    List<String> names = new CopyOnWriteArrayList<>();
    session.queryInstances(
        CIMV2,
        WQL,
        "SELECT Name FROM Win32_Service",
        MiOperationCallbacks.onInstance(
            (operation, result, ack) -> {
              if (result.instance() != null) {
                names.add((String) result.instance().get("Name"));
              }
              if (!result.moreResults()) {
                operation.close();
                session.close(); // miguard: MiCloseInCallback
              }
            }));
    return names;
  }
}
