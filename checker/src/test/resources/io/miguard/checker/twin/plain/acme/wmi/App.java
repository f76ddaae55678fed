package acme.wmi;

/** The wrapper's application: it opens sessions. */
public final class App implements AutoCloseable {
  public Client connect() {
    return new Client();
  }

  @Override
  public void close() {}
}
