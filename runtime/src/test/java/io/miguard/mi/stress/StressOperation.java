package io.miguard.mi.stress;

import io.miguard.mi.Identity;
import io.miguard.mi.MiClass;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiOperationCallbacks;
import io.miguard.mi.MiResult;
import io.miguard.mi.MiSession;
import io.miguard.mi.OperationOptions;
import io.miguard.mi.stress.Expectation.Retrieval;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Every kind of operation the stress test starts, against the embedded backend's demo data, with
 * what it must deliver. Writes (create, modify, delete, invoke) touch only the worker's own shares
 * and processes, so that their results do not depend on the other threads.
 */
enum StressOperation {
  ENUMERATE_SERVICES,
  ENUMERATE_AUDIT_RECORDS,
  QUERY_LOCAL_DISKS,
  GET_DISK,
  ASSOCIATORS,
  REFERENCES,
  INVOKE_CREATE_PROCESS,
  INVOKE_TERMINATE_PROCESS,
  CREATE_SHARE,
  MODIFY_SHARE,
  DELETE_SHARE,
  SUBSCRIBE_SHARE_EVENTS,
  GET_CLASS,
  ENUMERATE_CLASSES,
  TEST_CONNECTION;

  static final String CIMV2 = "root/cimv2";
  static final String SECURITY = "root/security";
  private static final String WQL = "WQL";

  /** The identities the demo's root/security access rule lets read Audit_LogonEvent. */
  static final Set<Identity> AUDIT_READERS =
      Set.of(Identity.process(), Identity.of("CORP\\auditor"));

  private static final int SERVICES = 26;
  private static final int AUDIT_RECORDS = 6;
  private static final int LOCAL_DISKS = 2;
  private static final int WORKSTATION_DEPENDENCIES = 3;
  private static final int LOGICAL_DEVICE_CLASSES = 3;

  /**
   * An operation just started.
   *
   * @param operation the handle
   * @param expectation what it delivers if nobody ends it early
   * @param whenFinal told the final result (code and payload) once it is known, to keep the
   *     worker's data up to date
   */
  record Started(
      MiOperation operation, Expectation expectation, BiConsumer<MiResult, Object> whenFinal) {}

  /** A random kind; writes that need an existing target fall back to creating one. */
  static StressOperation choose(Random random, WorkerData data) {
    StressOperation kind = values()[random.nextInt(values().length)];
    return switch (kind) {
      case MODIFY_SHARE, DELETE_SHARE -> data.shares.isEmpty() ? CREATE_SHARE : kind;
      case INVOKE_TERMINATE_PROCESS ->
          data.processes.isEmpty() ? INVOKE_CREATE_PROCESS : INVOKE_TERMINATE_PROCESS;
      default -> kind;
    };
  }

  /**
   * Starts this operation on {@code session} as the calling thread's identity {@code owner}. Null
   * options and callbacks use the short synchronous form of the session method; otherwise the long
   * form with options and callbacks (either may be null).
   */
  Started start(
      MiSession session,
      Identity owner,
      WorkerData data,
      OperationOptions options,
      MiOperationCallbacks callbacks) {
    boolean plain = options == null && callbacks == null;
    BiConsumer<MiResult, Object> nothing = (code, payload) -> {};
    switch (this) {
      case ENUMERATE_SERVICES -> {
        MiOperation op =
            plain
                ? session.enumerateInstances(CIMV2, "Win32_Service")
                : session.enumerateInstances(CIMV2, "Win32_Service", options, callbacks);
        return new Started(
            op, Expectation.results(Retrieval.INSTANCE, MiResult.OK, SERVICES), nothing);
      }
      case ENUMERATE_AUDIT_RECORDS -> {
        MiOperation op =
            plain
                ? session.enumerateInstances(SECURITY, "Audit_LogonEvent")
                : session.enumerateInstances(SECURITY, "Audit_LogonEvent", options, callbacks);
        Expectation expectation =
            AUDIT_READERS.contains(owner)
                ? Expectation.results(Retrieval.INSTANCE, MiResult.OK, AUDIT_RECORDS)
                : Expectation.results(Retrieval.INSTANCE, MiResult.ACCESS_DENIED, 0);
        return new Started(op, expectation, nothing);
      }
      case QUERY_LOCAL_DISKS -> {
        String query = "SELECT DeviceID FROM Win32_LogicalDisk WHERE DriveType = 3";
        MiOperation op =
            plain
                ? session.queryInstances(CIMV2, WQL, query)
                : session.queryInstances(CIMV2, WQL, query, options, callbacks);
        return new Started(
            op, Expectation.results(Retrieval.INSTANCE, MiResult.OK, LOCAL_DISKS), nothing);
      }
      case GET_DISK -> {
        MiInstance keys = MiInstance.builder("Win32_LogicalDisk").key("DeviceID", "C:").build();
        MiOperation op =
            plain
                ? session.getInstance(CIMV2, keys)
                : session.getInstance(CIMV2, keys, options, callbacks);
        return new Started(
            op,
            Expectation.single(
                Retrieval.INSTANCE,
                payload -> payload instanceof MiInstance disk && "C:".equals(disk.get("DeviceID"))),
            nothing);
      }
      case ASSOCIATORS -> {
        MiInstance workstation = workstation();
        MiOperation op =
            plain
                ? session.associatorInstances(
                    CIMV2, workstation, "Win32_DependentService", null, "Dependent", "Antecedent")
                : session.associatorInstances(
                    CIMV2,
                    workstation,
                    "Win32_DependentService",
                    null,
                    "Dependent",
                    "Antecedent",
                    options,
                    callbacks);
        return new Started(
            op,
            Expectation.results(Retrieval.INSTANCE, MiResult.OK, WORKSTATION_DEPENDENCIES),
            nothing);
      }
      case REFERENCES -> {
        MiInstance workstation = workstation();
        MiOperation op =
            plain
                ? session.referenceInstances(
                    CIMV2, workstation, "Win32_DependentService", "Dependent")
                : session.referenceInstances(
                    CIMV2, workstation, "Win32_DependentService", "Dependent", options, callbacks);
        return new Started(
            op,
            Expectation.results(Retrieval.INSTANCE, MiResult.OK, WORKSTATION_DEPENDENCIES),
            nothing);
      }
      case INVOKE_CREATE_PROCESS -> {
        MiInstance in =
            MiInstance.builder("__Parameters")
                .property("CommandLine", "stress.exe --worker " + data.worker)
                .build();
        MiOperation op =
            plain
                ? session.invoke(CIMV2, "Win32_Process", "Create", null, in)
                : session.invoke(CIMV2, "Win32_Process", "Create", null, in, options, callbacks);
        return new Started(
            op,
            Expectation.single(
                Retrieval.INSTANCE,
                payload ->
                    payload instanceof MiInstance out
                        && Long.valueOf(0).equals(out.get("ReturnValue"))
                        && out.get("ProcessId") instanceof Long),
            (code, payload) -> {
              if (code == MiResult.OK) {
                data.processes.add((Long) ((MiInstance) payload).get("ProcessId"));
              }
            });
      }
      case INVOKE_TERMINATE_PROCESS -> {
        // Taken now: whatever the outcome, the process is not terminated twice.
        long pid = data.processes.remove();
        MiInstance target =
            MiInstance.builder("Win32_Process").key("Handle", Long.toString(pid)).build();
        MiInstance in = MiInstance.builder("__Parameters").property("Reason", 0L).build();
        MiOperation op =
            plain
                ? session.invoke(CIMV2, "Win32_Process", "Terminate", target, in)
                : session.invoke(
                    CIMV2, "Win32_Process", "Terminate", target, in, options, callbacks);
        return new Started(
            op,
            Expectation.single(
                Retrieval.INSTANCE,
                payload ->
                    payload instanceof MiInstance out
                        && Long.valueOf(0).equals(out.get("ReturnValue"))),
            nothing);
      }
      case CREATE_SHARE -> {
        String name = data.newShareName();
        MiInstance share =
            MiInstance.builder("Win32_Share")
                .key("Name", name)
                .property("Path", "D:\\" + name)
                .property("Type", 0L)
                .build();
        MiOperation op =
            plain
                ? session.createInstance(CIMV2, share)
                : session.createInstance(CIMV2, share, options, callbacks);
        return new Started(
            op,
            Expectation.single(Retrieval.INSTANCE, payload -> true),
            (code, payload) -> {
              if (code == MiResult.OK) {
                data.shares.add(name);
              }
            });
      }
      case MODIFY_SHARE -> {
        String name = data.shares.peek();
        MiInstance changed =
            MiInstance.builder("Win32_Share")
                .key("Name", name)
                .property("Path", "E:\\" + name)
                .build();
        MiOperation op =
            plain
                ? session.modifyInstance(CIMV2, changed)
                : session.modifyInstance(CIMV2, changed, options, callbacks);
        return new Started(op, Expectation.single(Retrieval.INSTANCE, payload -> true), nothing);
      }
      case DELETE_SHARE -> {
        // Taken now: whatever the outcome, the share is not deleted twice.
        String name = data.shares.remove();
        MiInstance keys = MiInstance.builder("Win32_Share").key("Name", name).build();
        MiOperation op =
            plain
                ? session.deleteInstance(CIMV2, keys)
                : session.deleteInstance(CIMV2, keys, options, callbacks);
        return new Started(op, Expectation.single(Retrieval.INSTANCE, payload -> true), nothing);
      }
      case SUBSCRIBE_SHARE_EVENTS -> {
        String query =
            "SELECT * FROM __InstanceCreationEvent WITHIN 1 WHERE TargetInstance ISA"
                + " 'Win32_Share'";
        MiOperation op =
            plain
                ? session.subscribe(CIMV2, WQL, query)
                : session.subscribe(CIMV2, WQL, query, options, callbacks);
        return new Started(op, Expectation.endlessIndications(), nothing);
      }
      case GET_CLASS -> {
        MiOperation op =
            plain
                ? session.getCimClass(CIMV2, "Win32_Process")
                : session.getCimClass(CIMV2, "Win32_Process", options, callbacks);
        return new Started(
            op,
            Expectation.single(
                Retrieval.CLASS,
                payload ->
                    payload instanceof MiClass cimClass
                        && "CIM_Process".equals(cimClass.superClassName())),
            nothing);
      }
      case ENUMERATE_CLASSES -> {
        MiOperation op =
            plain
                ? session.enumerateClasses(CIMV2, "CIM_LogicalDevice", false)
                : session.enumerateClasses(CIMV2, "CIM_LogicalDevice", false, options, callbacks);
        return new Started(
            op, Expectation.results(Retrieval.CLASS, MiResult.OK, LOGICAL_DEVICE_CLASSES), nothing);
      }
      case TEST_CONNECTION -> {
        MiOperation op =
            plain ? session.testConnection() : session.testConnection(options, callbacks);
        return new Started(op, Expectation.single(Retrieval.INSTANCE, payload -> true), nothing);
      }
    }
    throw new AssertionError(this);
  }

  private static MiInstance workstation() {
    return MiInstance.builder("Win32_Service").key("Name", "LanmanWorkstation").build();
  }
}
