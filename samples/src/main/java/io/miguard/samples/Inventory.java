package io.miguard.samples;

import io.miguard.mi.MiApplication;
import io.miguard.mi.MiSession;

/** Opens the inventory tool's application and local session on the embedded backend. */
public final class Inventory implements AutoCloseable {
  public static final String CIMV2 = "root/cimv2";
  public static final String SECURITY = "root/security";
  public static final String WQL = "WQL";

  private final MiApplication application;
  private final MiSession session;

  private Inventory(MiApplication application, MiSession session) {
    this.application = application;
    this.session = session;
  }

  /** Connects to the local machine (the embedded demo backend). */
  public static Inventory connect() {
    MiApplication application = MiApplication.initialize("miguard-inventory");
    return new Inventory(application, application.newSession(null, null));
  }

  public MiSession session() {
    return session;
  }

  /** Opens another session of the same application; {@link #close()} shuts it down too. */
  public MiSession openSession() {
    return application.newSession(null, null);
  }

  /**
   * Closes the session, then the application, which shuts down whatever is left (other sessions,
   * operations left open). The session close is refused while operations of it are open.
   */
  @Override
  public void close() {
    session.close();
    application.close();
  }
}
