package io.miguard.mi;

import io.miguard.annotations.ApplicationHandle;
import io.miguard.annotations.ClosesApplication;
import io.miguard.mi.embedded.EmbeddedBackend;
import io.miguard.mi.spi.MiBackend;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * An MI client application ({@code MI_Application}): the root that opens {@link MiSession}s, which
 * start {@link MiOperation}s. Close it when done: {@link #close()} shuts down every session and
 * operation it still owns, without hanging, and is the only close that does so (MI rule 7 asks
 * operations to be closed before their session, and sessions before the application).
 *
 * <pre>{@code
 * try (MiApplication app = MiApplication.initialize("inventory");
 *     MiSession session = app.newSession(null, null);
 *     MiOperation op = session.enumerateInstances("root/cimv2", "Win32_Process")) {
 *   for (MiInstance process : op.instances()) {
 *     System.out.println(process.get("Name"));
 *   }
 * }
 * }</pre>
 *
 * <p>The application owns its backend and closes it last. Callbacks of asynchronous operations run
 * on daemon threads named {@code miguard-<applicationId>-callbacks-<operation>}, one per running
 * asynchronous operation; each ends once its operation's final result has been delivered. {@link
 * #openOperationCount()}, {@link #activeCallbackThreadCount()} and {@link #awaitTermination} let
 * users and tests see that everything was released.
 */
@ApplicationHandle
public final class MiApplication implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("io.miguard.mi");

  /** How long {@link #close()} waits, in all, for callback delivery threads to end. */
  public static final long DELIVERY_GRACE_MILLIS = 2000;

  private final String applicationId;
  private final MiBackend backend;
  private final Set<MiSession> sessions = ConcurrentHashMap.newKeySet();
  private final Set<Thread> callbackThreads = ConcurrentHashMap.newKeySet();
  private final AtomicLong operationIds = new AtomicLong();
  private boolean closed; // guarded by this

  private MiApplication(String applicationId, MiBackend backend) {
    this.applicationId = applicationId;
    this.backend = backend;
  }

  /**
   * Initializes an application ({@code MI_Application_Initialize}) served by the embedded in-memory
   * CIM server with its demo data ({@code root/cimv2} with processes, services, disks and shares).
   *
   * @param applicationId a name for the application, used in thread names and messages
   */
  public static MiApplication initialize(String applicationId) {
    return initialize(applicationId, EmbeddedBackend.withDemoData());
  }

  /**
   * Initializes an application served by the given backend, which the application now owns and
   * closes when it closes.
   */
  public static MiApplication initialize(String applicationId, MiBackend backend) {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(backend, "backend");
    return new MiApplication(applicationId, backend);
  }

  /**
   * Opens a session ({@code MI_Application_NewSession}).
   *
   * @param protocol the protocol, such as {@code WINRM}, or {@code null} for MI's default
   * @param destination the machine, or {@code null} for the local machine
   */
  public MiSession newSession(@Nullable String protocol, @Nullable String destination)
      throws MiException {
    return newSession(protocol, destination, null);
  }

  /**
   * Opens a session with destination options; {@code null} options mean {@link
   * DestinationOptions#defaults()}.
   *
   * @throws MiException with {@link MiResult#INVALID_PARAMETER} if the application is closed
   */
  public MiSession newSession(
      @Nullable String protocol, @Nullable String destination, @Nullable DestinationOptions options)
      throws MiException {
    MiSession session =
        new MiSession(
            this,
            backend,
            protocol,
            destination,
            options == null ? DestinationOptions.defaults() : options);
    synchronized (this) {
      if (closed) {
        throw new MiException(
            MiResult.INVALID_PARAMETER,
            "cannot open a session: application " + applicationId + " is closed");
      }
      sessions.add(session);
    }
    return session;
  }

  /** The name given to {@link #initialize}. */
  public String applicationId() {
    return applicationId;
  }

  /** Whether the application is closed. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /** How many sessions are open. */
  public int openSessionCount() {
    return sessions.size();
  }

  /** How many operations, over all open sessions, have been started and not yet closed. */
  public int openOperationCount() {
    int count = 0;
    for (MiSession session : sessions) {
      count += session.openOperationCount();
    }
    return count;
  }

  /** How many callback delivery threads are still running. */
  public int activeCallbackThreadCount() {
    callbackThreads.removeIf(thread -> !thread.isAlive());
    return callbackThreads.size();
  }

  /**
   * Waits until every callback delivery thread has ended, at most {@code timeout}: after {@link
   * #close()}, that proves that nothing is left running. Returns whether they all ended.
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread thread : List.copyOf(callbackThreads)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedJoin(thread, left);
    }
    return activeCallbackThreadCount() == 0;
  }

  /**
   * Closes the application ({@code MI_Application_Close}) and everything it still owns. This is the
   * one shutdown that works whatever state the application is in, for a program that is exiting:
   * unlike {@link MiSession#close()} it does not refuse open operations, it never hangs and, but
   * for the case below, never throws. Closing again does nothing. In order:
   *
   * <ol>
   *   <li>every open operation of every session is force-closed: a running one is cancelled (its
   *       callbacks, if any, then receive a {@link MiResult#FAILED} final result saying the
   *       application was closed), undelivered and untaken results are discarded (a synchronous
   *       operation needs no drain here), and borrowed results are released; later use of these
   *       operations fails as for any closed operation;
   *   <li>every session is closed;
   *   <li>the callback delivery threads are given up to {@value #DELIVERY_GRACE_MILLIS} ms in all
   *       to deliver those final results and end; any still running after that (a callback that
   *       blocks) is interrupted and left behind (the threads are daemons), with a warning logged
   *       through {@link System.Logger} (logger {@code io.miguard.mi});
   *   <li>the backend is closed (the embedded backend stops its threads with a bounded wait of its
   *       own); a failure there is logged, not thrown.
   * </ol>
   *
   * <p>Well-behaved programs close their operations and sessions first; this only cleans up what
   * they left. {@link #awaitTermination} tells whether every delivery thread ended.
   *
   * @throws MiException {@link MiResult#FAILED} when called from inside an {@link
   *     MiOperationCallbacks} method on the callback's own thread: native MI deadlocks there (MI
   *     rule 7: never close the application from a callback). Nothing is closed then.
   */
  @ClosesApplication
  @Override
  public void close() throws MiException {
    CallbackDelivery.RunningCallback callback = CallbackDelivery.runningCallback();
    if (callback != null) {
      throw new MiException(
          MiResult.FAILED,
          "cannot close "
              + this
              + " from "
              + callback
              + " on the callback's own thread: native MI's application close waits there for"
              + " every callback to return, a deadlock (MI rule 7: never close the application"
              + " from a callback); close it after the callbacks, on another thread. Nothing was"
              + " closed");
    }
    List<MiSession> left;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      left = new ArrayList<>(sessions);
    }
    for (MiSession session : left) {
      session.shutDown("the operation was closed because application " + applicationId + " closed");
    }
    awaitDeliveryThreads();
    try {
      backend.close();
    } catch (RuntimeException failure) {
      LOG.log(
          Level.WARNING,
          "the backend of application " + applicationId + " failed to close",
          failure);
    }
  }

  /** Bounded wait for the delivery threads during {@link #close()}; interrupts what is left. */
  private void awaitDeliveryThreads() {
    boolean interrupted = false;
    try {
      interrupted = !awaitTermination(Duration.ofMillis(DELIVERY_GRACE_MILLIS));
    } catch (InterruptedException e) {
      interrupted = true;
      Thread.currentThread().interrupt();
    }
    if (interrupted) {
      List<Thread> stuck = List.copyOf(callbackThreads);
      stuck.forEach(Thread::interrupt);
      if (!stuck.isEmpty()) {
        LOG.log(
            Level.WARNING,
            "application "
                + applicationId
                + " closed while callbacks were still running after "
                + DELIVERY_GRACE_MILLIS
                + " ms; interrupted and left behind: "
                + stuck);
      }
    }
  }

  @Override
  public String toString() {
    return "MiApplication[" + applicationId + "]";
  }

  // ---- internals ----

  long nextOperationId() {
    return operationIds.incrementAndGet();
  }

  void sessionClosed(MiSession session) {
    sessions.remove(session);
  }

  /** Starts the daemon thread that delivers an asynchronous operation's results. */
  void startDelivery(MiOperation operation, Runnable delivery) {
    Thread thread =
        new Thread(
            () -> {
              try {
                delivery.run();
              } finally {
                callbackThreads.remove(Thread.currentThread());
              }
            },
            "miguard-" + applicationId + "-callbacks-" + operation.id());
    thread.setDaemon(true);
    callbackThreads.add(thread);
    thread.start();
  }
}
