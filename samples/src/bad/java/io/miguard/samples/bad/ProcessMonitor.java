package io.miguard.samples.bad;

import static io.miguard.samples.Inventory.CIMV2;

import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiOperationCallbacks;
import io.miguard.mi.MiSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Lists processes and counts the progress messages the server sends. */
public final class ProcessMonitor {
  private final MiSession session;
  private final AtomicInteger progressMessages = new AtomicInteger();

  public ProcessMonitor(MiSession session) {
    this.session = session;
  }

  /**
   * Mistake: callbacks passed only to count progress make the operation asynchronous; its results
   * go to the callbacks, and the retrieval is refused.
   */
  public List<String> processNames() {
    MiOperationCallbacks progress =
        new MiOperationCallbacks() {
          @Override
          public void writeProgress(
              MiOperation operation,
              String activity,
              String currentOperation,
              String statusDescription,
              int percentComplete,
              int secondsRemaining) {
            progressMessages.incrementAndGet();
          }
        };
    List<String> names = new ArrayList<>();
    try (MiOperation processes = session.enumerateInstances(CIMV2, "Win32_Process", progress)) {
      for (MiInstance process : processes.instances()) { // miguard: MiRetrievalOnAsyncOperation
        names.add((String) process.get("Name"));
      }
    }
    return names;
  }
}
