package io.miguard.mi.embedded;

import io.miguard.mi.MiInstance;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo methods: {@code Win32_Process.Create} and {@code Terminate}, {@code
 * Win32_Service.StartService} and {@code StopService}. Return values are those Windows documents.
 */
final class DemoProviders {
  /** Win32_Process.Create: "Invalid Parameter". */
  static final long CREATE_INVALID_PARAMETER = 21;

  /** StopService: "Dependent Services Running". */
  static final long DEPENDENT_SERVICES_RUNNING = 3;

  /** StopService: "Service Cannot Accept Control" (it is not running). */
  static final long SERVICE_CANNOT_ACCEPT_CONTROL = 5;

  /** StartService: "Service Already Running". */
  static final long SERVICE_ALREADY_RUNNING = 10;

  /** The first process id handed out by Create, above every demo process. */
  static final long FIRST_CREATED_PROCESS_ID = 7000;

  /** The process that runs created processes' parent: WmiPrvSE.exe, as on Windows. */
  private static final long WMI_PROVIDER_HOST = 3560;

  private final AtomicLong nextProcessId = new AtomicLong(FIRST_CREATED_PROCESS_ID);

  void register(EmbeddedBackend backend) {
    String cimv2 = DemoSchema.CIMV2;
    backend.registerMethod(cimv2, "Win32_Process", "Create", this::createProcess);
    backend.registerMethod(cimv2, "Win32_Process", "Terminate", DemoProviders::terminate);
    backend.registerMethod(cimv2, "Win32_BaseService", "StartService", DemoProviders::startService);
    backend.registerMethod(cimv2, "Win32_BaseService", "StopService", DemoProviders::stopService);
  }

  private MiInstance createProcess(MethodInvocation call) {
    Object commandLine = call.parameter("CommandLine");
    if (!(commandLine instanceof String command) || command.isBlank()) {
      return call.outParameters(CREATE_INVALID_PARAMETER).build();
    }
    String executable = executable(command.strip());
    long pid = nextProcessId.getAndAdd(4); // Windows process ids are multiples of four
    call.repository()
        .create(
            call.namespace(),
            DemoInventory.process(
                    pid,
                    WMI_PROVIDER_HOST,
                    fileName(executable),
                    executable.contains("\\") ? executable : null,
                    command,
                    4_194_304)
                .property("ThreadCount", 1L)
                .property("HandleCount", 32L)
                .property("SessionId", 0L)
                .build());
    return call.outParameters(0).property("ProcessId", pid).build();
  }

  /** The executable of a command line: the quoted first part, or up to the first space. */
  private static String executable(String command) {
    if (command.startsWith("\"")) {
      int close = command.indexOf('"', 1);
      return close < 0 ? command.substring(1) : command.substring(1, close);
    }
    int space = command.indexOf(' ');
    return space < 0 ? command : command.substring(0, space);
  }

  private static String fileName(String path) {
    return path.substring(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
  }

  private static MiInstance terminate(MethodInvocation call) {
    call.repository().delete(call.namespace(), call.requireTarget());
    return call.outParameters(0).build();
  }

  private static MiInstance startService(MethodInvocation call) {
    MiInstance target = call.requireTarget();
    if ("Running".equals(target.get("State"))) {
      return call.outParameters(SERVICE_ALREADY_RUNNING).build();
    }
    call.repository().modify(call.namespace(), withState(target, "Running", true));
    return call.outParameters(0).build();
  }

  private static MiInstance stopService(MethodInvocation call) {
    MiInstance target = call.requireTarget();
    if (!"Running".equals(target.get("State"))) {
      return call.outParameters(SERVICE_CANNOT_ACCEPT_CONTROL).build();
    }
    boolean dependentsRunning =
        call
            .repository()
            .associators(
                call.namespace(), target, "Win32_DependentService", null, "Antecedent", "Dependent")
            .stream()
            .anyMatch(dependent -> "Running".equals(dependent.get("State")));
    if (dependentsRunning) {
      return call.outParameters(DEPENDENT_SERVICES_RUNNING).build();
    }
    call.repository().modify(call.namespace(), withState(target, "Stopped", false));
    return call.outParameters(0).build();
  }

  private static MiInstance withState(MiInstance service, String state, boolean started) {
    return MiInstance.builder(service.className())
        .key("Name", service.get("Name"))
        .property("State", state)
        .property("Started", started)
        .build();
  }
}
