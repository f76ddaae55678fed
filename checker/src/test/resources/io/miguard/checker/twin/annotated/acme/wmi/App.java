package acme.wmi;

import io.miguard.annotations.ApplicationHandle;
import io.miguard.annotations.ClosesApplication;

/** The wrapper's application: it opens sessions. */
@ApplicationHandle
public final class App implements AutoCloseable {
  public Client connect() {
    return new Client();
  }

  @ClosesApplication
  @Override
  public void close() {}
}
