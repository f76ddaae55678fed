package acme.wmi;

import io.miguard.annotations.RunsOnAnotherThread;

/** Runs tasks on the wrapper's own threads. */
public final class Workers {
  private Workers() {}

  public static void later(String name, @RunsOnAnotherThread Runnable task) {
    new Thread(task, name).start();
  }
}
