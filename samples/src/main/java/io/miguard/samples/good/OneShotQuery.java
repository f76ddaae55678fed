package io.miguard.samples.good;

import static io.miguard.samples.Inventory.CIMV2;
import static io.miguard.samples.Inventory.WQL;

import io.miguard.mi.MiOperationCallbacks;
import io.miguard.mi.MiSession;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Runs one query asynchronously in a session of its own. */
public final class OneShotQuery {
  /**
   * The final callback closes only its operation and completes the future; the caller closes the
   * session on its own thread once the future is done.
   */
  public CompletableFuture<List<String>> serviceNames(MiSession session) {
    List<String> names = new CopyOnWriteArrayList<>();
    CompletableFuture<List<String>> done = new CompletableFuture<>();
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
                done.complete(names);
              }
            }));
    return done;
  }
}
