package acme.wmi;

/** Runs tasks on the wrapper's own threads. */
public final class Workers {
  private Workers() {}

  public static void later(String name, Runnable task) {
    new Thread(task, name).start();
  }
}
