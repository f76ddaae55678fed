package io.miguard.mi.embedded;

import io.miguard.mi.MiResult;
import io.miguard.mi.spi.MiBackend;
import io.miguard.mi.spi.OperationRequest;
import io.miguard.mi.spi.ResultSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The embedded in-memory CIM server: a {@link MiBackend} that serves every MI operation from a
 * {@link CimRepository} of namespaces, classes (with inheritance) and instances, with associations,
 * a WQL subset for queries and subscriptions, extrinsic methods implemented by Java {@link
 * MethodProvider}s, and per-namespace {@link AccessRule}s checked against the identity that started
 * each operation.
 *
 * <h2>Operations</h2>
 *
 * {@link #start} returns at once; the operation runs on a daemon thread named {@code
 * miguard-backend-N}, delivers its results one at a time (waiting while the consumer has not taken
 * the previous one), stops early when the sink says it was cancelled, and always ends with exactly
 * one {@link ResultSink#complete}. Single-result operations (get, create, modify, delete, invoke,
 * get class, test connection) pass their result to {@code complete}. Errors are final results,
 * never exceptions:
 *
 * <ul>
 *   <li>INVALID_NAMESPACE: the namespace does not exist (checked first);
 *   <li>ACCESS_DENIED: the namespace's access rule refuses the identity;
 *   <li>INVALID_PARAMETER: a needed argument (instance, class name, key) is missing;
 *   <li>INVALID_CLASS: enumerate, query, create, ... of a class that does not exist; NOT_FOUND for
 *       GET_CLASS of one (as WMI answers);
 *   <li>NOT_FOUND: get, modify, delete, associators or references of an instance that does not
 *       exist, invoke on such a target;
 *   <li>ALREADY_EXISTS, NO_SUCH_PROPERTY, TYPE_MISMATCH: create and modify;
 *   <li>QUERY_LANGUAGE_NOT_SUPPORTED, INVALID_QUERY (syntax, or a property the class does not have;
 *       the message gives the 1-based position): query and subscribe;
 *   <li>METHOD_NOT_FOUND, METHOD_NOT_AVAILABLE (no provider): invoke;
 *   <li>FAILED with the message {@code "the operation was cancelled"}: a multi-result operation or
 *       subscription whose consumer cancelled or closed it;
 *   <li>SERVER_IS_SHUTTING_DOWN: operations running when the backend closes, and any started after.
 * </ul>
 *
 * <p>Associators and references follow CIM (DSP0004): the role is the name of the reference that
 * points to the source, the result role the one that points to the result; class filters include
 * subclasses. ENUMERATE_CLASSES of a class returns the class itself and its subclasses, deep.
 *
 * <h2>Subscriptions</h2>
 *
 * {@code SELECT * FROM __InstanceCreationEvent|__InstanceDeletionEvent|__InstanceModificationEvent
 * [WITHIN n] [WHERE TargetInstance ISA 'Class' AND TargetInstance.Name = 'x']} reports every change
 * of the repository in the namespace, whether made by an operation, a method provider or the Java
 * API of {@link #repository()}: each indication carries {@code TargetInstance}, for modifications
 * {@code PreviousInstance}, and {@code TIME_CREATED}. Indications are delivered as soon as the
 * change happens; {@code WITHIN} is accepted and not needed. The bookmark is the change's sequence
 * number, the machine id the backend's {@link #machineName()}. A subscription starts listening
 * before {@code start} returns.
 */
public final class EmbeddedBackend implements MiBackend {
  /** How long {@link #close()} waits for the backend's threads to end. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final CimRepository repository;
  private final AccessRules accessRules = new AccessRules();
  private final MethodProviders providers = new MethodProviders();
  private final String machineName;
  private final OperationDispatcher dispatcher;
  private final BackendThreads threads = new BackendThreads();
  private final Set<RunningOperation> running = ConcurrentHashMap.newKeySet();
  private boolean closed; // guarded by running

  private EmbeddedBackend(Builder builder) {
    this.repository = builder.repository;
    this.machineName = builder.machineName;
    this.dispatcher = new OperationDispatcher(repository, accessRules, providers, machineName);
    if (builder.demoData) {
      DemoData.install(this);
    }
  }

  /**
   * A backend with the demo data, the same on every call (no randomness, no clock in the data):
   *
   * <ul>
   *   <li>{@code root}: {@code __Namespace} instances {@code cimv2} and {@code security}.
   *   <li>{@code root/cimv2}: CIM-like classes {@code CIM_ManagedSystemElement} → {@code
   *       CIM_LogicalElement} → {@code CIM_Process} (key {@code Handle}) → {@code Win32_Process};
   *       {@code CIM_Service} (key {@code Name}) → {@code Win32_BaseService} → {@code
   *       Win32_Service}; {@code CIM_LogicalDevice} (key {@code DeviceID}) → {@code
   *       CIM_LogicalDisk} → {@code Win32_LogicalDisk}; {@code Win32_Share} (key {@code Name}); the
   *       association {@code CIM_Dependency} → {@code CIM_ServiceServiceDependency} → {@code
   *       Win32_DependentService} ({@code Antecedent}: the service depended on, {@code Dependent}:
   *       the service that depends on it).
   *   <li>24 processes ({@code Handle} is the process id as a string: "0" System Idle Process, "4"
   *       System, ..., "6804" java.exe), 26 services with a realistic dependency graph
   *       (LanmanWorkstation depends on Bowser, MRxSmb20 and NSI; Dnscache on nsi and Tdx; nsi on
   *       RpcSs; RpcSs on RpcEptMapper and DcomLaunch; Netlogon, which is stopped, on
   *       LanmanWorkstation; ...), disks {@code C:} and {@code D:} (DriveType 3, local) and {@code
   *       Z:} (DriveType 4, network), shares {@code ADMIN$}, {@code C$}, {@code IPC$} and {@code
   *       Projects}.
   *   <li>Methods: static {@code Win32_Process.Create(CommandLine, CurrentDirectory)} creates a
   *       process (ProcessId from 7000 up, ReturnValue 0; 21 without a CommandLine); {@code
   *       Win32_Process.Terminate(Reason)} deletes it; {@code Win32_Service.StartService()} and
   *       {@code StopService()} change {@code State} (ReturnValue 10 if already running, 5 if
   *       already stopped, 3 if a running service depends on it).
   *   <li>{@code root/security}: class {@code Audit_LogonEvent} (key {@code RecordNumber}) with 6
   *       records, readable and writable only by {@code Identity.process()} (named {@code SYSTEM})
   *       and {@code CORP\auditor} ({@code Identity.of("CORP\\auditor")}); anyone else gets
   *       ACCESS_DENIED. The other namespaces are open to everyone.
   * </ul>
   */
  public static EmbeddedBackend withDemoData() {
    return builder().demoData(true).build();
  }

  /**
   * A backend with no namespaces, classes or instances: set it up through {@link #repository()}.
   */
  public static EmbeddedBackend empty() {
    return builder().build();
  }

  /** A builder of a backend. */
  public static Builder builder() {
    return new Builder();
  }

  /** The repository: the Java API to define and change data (changes raise indications). */
  public CimRepository repository() {
    return repository;
  }

  /** The machine name the backend reports as machine id of indications. */
  public String machineName() {
    return machineName;
  }

  /**
   * Registers the Java implementation of a method declared by a class; subclasses inherit it unless
   * they have their own. Registering again replaces the provider.
   */
  public EmbeddedBackend registerMethod(
      String namespace, String className, String methodName, MethodProvider provider) {
    Objects.requireNonNull(provider, "provider");
    providers.register(
        Objects.requireNonNull(namespace, "namespace"),
        Objects.requireNonNull(className, "className"),
        Objects.requireNonNull(methodName, "methodName"),
        provider);
    return this;
  }

  /**
   * Sets who may read and who may write a namespace (and the namespaces below it that have no rule
   * of their own). Without a rule, everyone may.
   */
  public EmbeddedBackend setAccessRule(String namespace, AccessRule rule) {
    accessRules.set(
        Objects.requireNonNull(namespace, "namespace"), Objects.requireNonNull(rule, "rule"));
    return this;
  }

  @Override
  public void start(OperationRequest request, ResultSink sink) {
    if (request == null || sink == null) {
      return; // nothing to report to: the SPI never passes null
    }
    Delivery delivery = new Delivery(sink);
    if (isClosed()) {
      completeOnOwnThread(delivery);
      return;
    }
    RunningOperation operation =
        new RunningOperation(
            request.kind(), dispatcher.prepare(request), delivery, running::remove);
    synchronized (running) {
      if (!closed) {
        running.add(operation);
        try {
          threads.execute(operation);
          return;
        } catch (RejectedExecutionException e) {
          running.remove(operation);
        }
      }
    }
    operation.abandon();
    completeOnOwnThread(delivery);
  }

  /**
   * Completes a refused operation from a thread of its own, as the SPI asks of every completion.
   */
  private static void completeOnOwnThread(Delivery delivery) {
    Thread thread =
        new Thread(
            () ->
                delivery.complete(null, MiResult.SERVER_IS_SHUTTING_DOWN, "the backend is closed"),
            "miguard-backend-closed");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Completes every running operation and subscription with SERVER_IS_SHUTTING_DOWN, interrupts
   * their threads, and waits (a few seconds at most) for the threads to end. Operations started
   * later complete at once with SERVER_IS_SHUTTING_DOWN. Closing again does nothing.
   */
  @Override
  public void close() {
    List<RunningOperation> left;
    synchronized (running) {
      if (closed) {
        return;
      }
      closed = true;
      left = new ArrayList<>(running);
    }
    left.forEach(RunningOperation::shutDown);
    threads.shutDown(CLOSE_WAIT);
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    synchronized (running) {
      return closed;
    }
  }

  /** How many operations are running (started and not yet ended on their thread). */
  public int runningOperationCount() {
    return running.size();
  }

  /** How many backend threads are alive, busy or idle. */
  public int liveThreadCount() {
    return threads.liveThreadCount();
  }

  /** Waits until every backend thread ended after {@link #close()}; false if time ran out. */
  public boolean awaitTermination(Duration wait) {
    return threads.awaitTermination(wait);
  }

  /** Builds an {@link EmbeddedBackend}. */
  public static final class Builder {
    private CimRepository repository = new CimRepository();
    private String machineName = "localhost";
    private boolean demoData;

    private Builder() {}

    /** Serve this repository instead of a new, empty one. */
    public Builder repository(CimRepository repository) {
      this.repository = Objects.requireNonNull(repository, "repository");
      return this;
    }

    /** The machine name reported as indications' machine id (default {@code localhost}). */
    public Builder machineName(String machineName) {
      this.machineName = Objects.requireNonNull(machineName, "machineName");
      return this;
    }

    /** Whether to install the demo data described at {@link #withDemoData()}. */
    public Builder demoData(boolean demoData) {
      this.demoData = demoData;
      return this;
    }

    public EmbeddedBackend build() {
      return new EmbeddedBackend(this);
    }
  }
}
