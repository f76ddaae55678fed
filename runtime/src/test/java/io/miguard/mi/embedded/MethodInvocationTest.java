package io.miguard.mi.embedded;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.embedded.Requests.CIMV2;
import static io.miguard.mi.embedded.Requests.invoke;
import static io.miguard.mi.embedded.Requests.keys;
import static io.miguard.mi.embedded.Requests.parameters;

import io.miguard.mi.Identity;
import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** INVOKE: the demo's methods and providers registered by the test. */
class MethodInvocationTest {
  private static final String NS = "root/test";
  private final EmbeddedBackend backend = EmbeddedBackend.withDemoData();

  @AfterEach
  void close() {
    backend.close();
  }

  private CollectingSink run(OperationRequest request) {
    CollectingSink sink = CollectingSink.run(backend, request);
    assertThat(sink.completions()).isEqualTo(1);
    return sink;
  }

  private static MiInstance out(CollectingSink sink) {
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
    MiInstance out = (MiInstance) sink.completion().payload();
    assertThat(out.className()).isEqualTo("__Parameters");
    return out;
  }

  @Test
  void createProcessReturnsItsIdAndTheProcessExists() {
    MiInstance out =
        out(
            run(
                invoke(
                    CIMV2,
                    "Win32_Process",
                    "Create",
                    null,
                    parameters("CommandLine", "notepad.exe C:\\notes.txt"))));
    assertThat(out.get("ReturnValue")).isEqualTo(0L);
    assertThat(out.get("ProcessId")).isEqualTo(7000L);
    MiInstance process = backend.repository().get(CIMV2, keys("Win32_Process", "Handle", "7000"));
    assertThat(process.get("Name")).isEqualTo("notepad.exe");
    assertThat(process.get("CommandLine")).isEqualTo("notepad.exe C:\\notes.txt");
    assertThat(process.get("ParentProcessId")).isEqualTo(3560L);
    MiInstance second =
        out(
            run(
                invoke(
                    CIMV2,
                    "Win32_Process",
                    "Create",
                    null,
                    parameters("CommandLine", "\"C:\\Program Files\\App\\app.exe\" -x"))));
    assertThat(second.get("ProcessId")).isEqualTo(7004L);
    assertThat(
            backend
                .repository()
                .get(CIMV2, keys("Win32_Process", "Handle", "7004"))
                .get("ExecutablePath"))
        .isEqualTo("C:\\Program Files\\App\\app.exe");
  }

  @Test
  void createProcessWithoutACommandLineReturnsInvalidParameterAsReturnValue() {
    MiInstance out = out(run(invoke(CIMV2, "Win32_Process", "Create", null, null)));
    assertThat(out.get("ReturnValue")).isEqualTo(21L);
    assertThat(out.has("ProcessId")).isFalse();
  }

  @Test
  void terminateDeletesTheProcess() {
    MiInstance notepad = keys("Win32_Process", "Handle", "5128");
    MiInstance out =
        out(run(invoke(CIMV2, "Win32_Process", "Terminate", notepad, parameters("Reason", 1))));
    assertThat(out.get("ReturnValue")).isEqualTo(0L);
    assertThat(backend.repository().find(CIMV2, notepad)).isEmpty();
    assertThat(
            run(invoke(CIMV2, "Win32_Process", "Terminate", notepad, null)).completion().result())
        .isEqualTo(MiResult.NOT_FOUND);
  }

  @Test
  void startAndStopServiceChangeItsState() {
    MiInstance time = keys("Win32_Service", "Name", "W32Time");
    assertThat(
            out(run(invoke(CIMV2, "Win32_Service", "StartService", time, null))).get("ReturnValue"))
        .isEqualTo(0L);
    assertThat(backend.repository().get(CIMV2, time).get("State")).isEqualTo("Running");
    assertThat(backend.repository().get(CIMV2, time).get("Started")).isEqualTo(true);
    assertThat(
            out(run(invoke(CIMV2, "Win32_Service", "StartService", time, null))).get("ReturnValue"))
        .isEqualTo(10L);
    assertThat(
            out(run(invoke(CIMV2, "Win32_Service", "StopService", time, null))).get("ReturnValue"))
        .isEqualTo(0L);
    assertThat(backend.repository().get(CIMV2, time).get("State")).isEqualTo("Stopped");
    assertThat(
            out(run(invoke(CIMV2, "Win32_Service", "StopService", time, null))).get("ReturnValue"))
        .isEqualTo(5L);
  }

  @Test
  void stoppingAServiceOthersRunOnIsRefused() {
    MiInstance nsi = keys("Win32_Service", "Name", "nsi");
    assertThat(
            out(run(invoke(CIMV2, "Win32_Service", "StopService", nsi, null))).get("ReturnValue"))
        .isEqualTo(3L);
    assertThat(backend.repository().get(CIMV2, nsi).get("State")).isEqualTo("Running");
  }

  @Test
  void classMayBeOmittedForAnInstanceMethodAndSubclassesInheritProviders() {
    // StartService is registered on Win32_BaseService; the target is a Win32_Service.
    OperationRequest request =
        invoke(CIMV2, null, "StartService", keys("Win32_Service", "Name", "wuauserv"), null);
    assertThat(out(run(request)).get("ReturnValue")).isEqualTo(0L);
    OperationRequest viaBase =
        invoke(
            CIMV2, "CIM_Service", "StopService", keys("Win32_Service", "Name", "wuauserv"), null);
    assertThat(out(run(viaBase)).get("ReturnValue")).isEqualTo(0L);
  }

  @Test
  void errors() {
    MiInstance spooler = keys("Win32_Service", "Name", "Spooler");
    assertThat(run(invoke(CIMV2, "Win32_Process", "Explode", null, null)).completion().result())
        .isEqualTo(MiResult.METHOD_NOT_FOUND);
    assertThat(run(invoke(CIMV2, "Win32_Nothing", "Create", null, null)).completion().result())
        .isEqualTo(MiResult.INVALID_CLASS);
    // A static method given a target, an instance method given none.
    assertThat(
            run(invoke(
                    CIMV2, "Win32_Process", "Create", keys("Win32_Process", "Handle", "4"), null))
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(run(invoke(CIMV2, "Win32_Service", "StopService", null, null)).completion().result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    // Unknown and ill-typed input parameters.
    assertThat(
            run(invoke(CIMV2, "Win32_Process", "Create", null, parameters("Colour", "red")))
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    CollectingSink illTyped =
        run(invoke(CIMV2, "Win32_Process", "Create", null, parameters("CommandLine", 42)));
    assertThat(illTyped.completion().result()).isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(illTyped.completion().errorMessage()).contains("CommandLine");
    // An output parameter is not an input.
    assertThat(
            run(invoke(CIMV2, "Win32_Process", "Create", null, parameters("ProcessId", 5)))
                .completion()
                .result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    // A target of another class.
    assertThat(
            run(invoke(CIMV2, "Win32_Process", "Terminate", spooler, null)).completion().result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(run(invoke(CIMV2, null, "StopService", null, null)).completion().result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(run(invoke(CIMV2, "Win32_Process", null, null, null)).completion().result())
        .isEqualTo(MiResult.INVALID_PARAMETER);
  }

  private void defineCalculator() {
    CimRepository repository = backend.repository();
    repository.createNamespace(NS);
    repository.defineClass(
        NS,
        ClassDeclaration.builder("Calculator")
            .key("Id", "uint32")
            .property("Total", "sint64")
            .staticMethod(
                "Add",
                "uint32",
                ClassDeclaration.in("A", "sint64"),
                ClassDeclaration.in("B", "sint64"),
                ClassDeclaration.out("Sum", "sint64"))
            .method("Accumulate", "uint32", ClassDeclaration.in("Amount", "sint64"))
            .staticMethod("Unimplemented", "uint32")
            .staticMethod("Broken", "uint32")
            .staticMethod("Refuses", "uint32")
            .staticMethod("WrongOutput", "uint32")
            .build());
    repository.create(
        NS, MiInstance.builder("Calculator").key("Id", 1).property("Total", 0).build());
  }

  @Test
  void registeredProvidersSeeParametersTargetAndIdentity() {
    defineCalculator();
    AtomicReference<MethodInvocation> seen = new AtomicReference<>();
    backend.registerMethod(
        NS,
        "Calculator",
        "Add",
        call -> {
          seen.set(call);
          long sum = (Long) call.parameter("a") + (Long) call.parameter("B");
          return call.outParameters(0).property("Sum", sum).build();
        });
    backend.registerMethod(
        NS,
        "Calculator",
        "Accumulate",
        call -> {
          long total = (Long) call.target().get("Total") + (Long) call.parameter("Amount");
          call.repository()
              .modify(call.namespace(), call.target().toBuilder().property("Total", total).build());
          return call.outParameters(0).build();
        });

    MiInstance in = MiInstance.builder("__Parameters").property("a", 2).property("b", 40).build();
    OperationRequest add =
        Requests.request(io.miguard.mi.spi.OperationKind.INVOKE)
            .namespace(NS)
            .className("calculator")
            .method("add", in)
            .build();
    assertThat(out(run(add)).get("Sum")).isEqualTo(42L);
    MethodInvocation call = seen.get();
    assertThat(call.className()).isEqualTo("Calculator");
    assertThat(call.methodName()).isEqualTo("Add");
    assertThat(call.target()).isNull();
    assertThat(call.inParameters().properties()).containsExactly("A", 2L, "B", 40L);
    assertThat(call.identity()).isEqualTo(Identity.process());
    assertThat(call.namespace()).isEqualTo(NS);

    MiInstance calculator = keys("Calculator", "Id", 1L);
    run(invoke(NS, "Calculator", "Accumulate", calculator, parameters("Amount", 5)));
    run(invoke(NS, "Calculator", "Accumulate", calculator, parameters("Amount", 7)));
    assertThat(backend.repository().get(NS, calculator).get("Total")).isEqualTo(12L);
  }

  @Test
  void providerFailuresBecomeResults() {
    defineCalculator();
    backend.registerMethod(
        NS,
        "Calculator",
        "Broken",
        call -> {
          throw new IllegalStateException("bug in provider");
        });
    backend.registerMethod(
        NS,
        "Calculator",
        "Refuses",
        call -> {
          throw new MiException(MiResult.NOT_SUPPORTED, "not today");
        });
    backend.registerMethod(
        NS,
        "Calculator",
        "WrongOutput",
        call -> call.outParameters(0).property("Extra", 1).build());

    assertThat(run(invoke(NS, "Calculator", "Unimplemented", null, null)).completion().result())
        .isEqualTo(MiResult.METHOD_NOT_AVAILABLE);
    CollectingSink broken = run(invoke(NS, "Calculator", "Broken", null, null));
    assertThat(broken.completion().result()).isEqualTo(MiResult.FAILED);
    assertThat(broken.completion().errorMessage()).contains("bug in provider");
    CollectingSink refuses = run(invoke(NS, "Calculator", "Refuses", null, null));
    assertThat(refuses.completion().result()).isEqualTo(MiResult.NOT_SUPPORTED);
    assertThat(refuses.completion().errorMessage()).isEqualTo("not today");
    CollectingSink wrong = run(invoke(NS, "Calculator", "WrongOutput", null, null));
    assertThat(wrong.completion().result()).isEqualTo(MiResult.FAILED);
    assertThat(wrong.completion().errorMessage()).contains("Extra");
  }
}
