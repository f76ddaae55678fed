package io.miguard.mi.embedded;

import io.miguard.mi.MiInstance;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The instances of the demo namespaces: a plausible Windows machine, fixed. */
final class DemoInventory {
  private static final String SVCHOST = "C:\\WINDOWS\\system32\\svchost.exe";
  private static final String SYSTEM32 = "C:\\WINDOWS\\system32\\";

  private DemoInventory() {}

  /**
   * Process id, parent id, name, executable (null for kernel processes), command line arguments
   * (empty for none), working set.
   */
  private record Process(
      long pid,
      long parent,
      String name,
      @Nullable String path,
      String arguments,
      long workingSet) {}

  private static final List<Process> PROCESSES =
      List.of(
          new Process(0, 0, "System Idle Process", null, "", 8_192),
          new Process(4, 0, "System", null, "", 143_360),
          new Process(108, 4, "Registry", null, "", 71_548_928),
          new Process(388, 4, "smss.exe", SYSTEM32 + "smss.exe", "", 1_212_416),
          new Process(
              512,
              500,
              "csrss.exe",
              SYSTEM32 + "csrss.exe",
              "ObjectDirectory=\\Windows",
              5_447_680),
          new Process(600, 500, "wininit.exe", SYSTEM32 + "wininit.exe", "", 6_750_208),
          new Process(
              612,
              592,
              "csrss.exe",
              SYSTEM32 + "csrss.exe",
              "ObjectDirectory=\\Windows",
              6_152_192),
          new Process(688, 592, "winlogon.exe", SYSTEM32 + "winlogon.exe", "", 11_186_176),
          new Process(732, 600, "services.exe", SYSTEM32 + "services.exe", "", 10_260_480),
          new Process(748, 600, "lsass.exe", SYSTEM32 + "lsass.exe", "", 21_970_944),
          new Process(864, 732, "svchost.exe", SVCHOST, "-k DcomLaunch -p", 30_810_112),
          new Process(948, 732, "svchost.exe", SVCHOST, "-k RPCSS -p", 14_589_952),
          new Process(1024, 688, "dwm.exe", SYSTEM32 + "dwm.exe", "", 98_304_000),
          new Process(1032, 732, "svchost.exe", SVCHOST, "-k netsvcs -p", 60_313_600),
          new Process(1168, 732, "svchost.exe", SVCHOST, "-k NetworkService -p", 18_653_184),
          new Process(
              1276, 732, "svchost.exe", SVCHOST, "-k LocalServiceNetworkRestricted -p", 16_924_672),
          new Process(2044, 732, "spoolsv.exe", SYSTEM32 + "spoolsv.exe", "", 15_556_608),
          new Process(
              2980,
              732,
              "MsMpEng.exe",
              "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24080.9-0\\MsMpEng.exe",
              "",
              201_326_592),
          new Process(
              3560,
              864,
              "WmiPrvSE.exe",
              SYSTEM32 + "wbem\\wmiprvse.exe",
              "-secured -Embedding",
              19_398_656),
          new Process(4312, 4280, "explorer.exe", "C:\\WINDOWS\\Explorer.EXE", "", 142_606_336),
          new Process(4420, 1032, "sihost.exe", SYSTEM32 + "sihost.exe", "", 27_017_216),
          new Process(5120, 4312, "cmd.exe", SYSTEM32 + "cmd.exe", "", 4_816_896),
          new Process(5128, 5120, "conhost.exe", SYSTEM32 + "conhost.exe", "0x4", 15_114_240),
          new Process(
              6804,
              5120,
              "java.exe",
              "C:\\Program Files\\Java\\jdk-17\\bin\\java.exe",
              "-jar inventory.jar",
              312_475_648));

  /** The Win32_Process instances. */
  static List<MiInstance> processes() {
    List<MiInstance> result = new ArrayList<>();
    for (Process p : PROCESSES) {
      String path = p.path();
      String commandLine =
          path == null
              ? null
              : p.arguments().isEmpty()
                  ? quoteIfSpaced(path)
                  : quoteIfSpaced(path) + " " + p.arguments();
      result.add(
          process(p.pid(), p.parent(), p.name(), path, commandLine, p.workingSet())
              .property("ThreadCount", 2L + p.pid() % 37)
              .property("HandleCount", 100L + p.pid() % 911)
              .property("CreationDate", "20240311081500.000000+000")
              .property(
                  "SessionId", p.pid() >= 1024 && p.pid() != 1032 && p.pid() != 1168 ? 1L : 0L)
              .build());
    }
    return result;
  }

  /** A Win32_Process builder with the properties every process has. */
  static MiInstance.Builder process(
      long pid,
      long parent,
      String name,
      @Nullable String path,
      @Nullable String commandLine,
      long workingSet) {
    return MiInstance.builder("Win32_Process")
        .key("Handle", Long.toString(pid))
        .property("Name", name)
        .property("Caption", name)
        .property("Description", name)
        .property("ProcessId", pid)
        .property("ParentProcessId", parent)
        .property("ExecutablePath", path)
        .property("CommandLine", commandLine)
        .property("WorkingSetSize", workingSet)
        .property("Priority", 8L);
  }

  private static String quoteIfSpaced(String path) {
    return path.contains(" ") ? "\"" + path + "\"" : path;
  }

  /**
   * Name, display name, running, start mode, process id, path and arguments, service type, account.
   */
  private record Service(
      String name,
      String displayName,
      boolean running,
      String startMode,
      long pid,
      String pathName,
      String type,
      @Nullable String account) {}

  private static final String OWN = "Own Process";
  private static final String SHARED = "Share Process";
  private static final String DRIVER = "Kernel Driver";
  private static final String LOCAL_SYSTEM = "LocalSystem";
  private static final String NETWORK_SERVICE = "NT AUTHORITY\\NetworkService";
  private static final String LOCAL_SERVICE = "NT AUTHORITY\\LocalService";

  private static final List<Service> SERVICES =
      List.of(
          new Service(
              "Afd",
              "Ancillary Function Driver for Winsock",
              true,
              "System",
              0,
              "\\SystemRoot\\system32\\drivers\\afd.sys",
              DRIVER,
              null),
          new Service(
              "AudioSrv",
              "Windows Audio",
              true,
              "Auto",
              1276,
              SVCHOST + " -k LocalServiceNetworkRestricted -p",
              SHARED,
              LOCAL_SERVICE),
          new Service(
              "BFE",
              "Base Filtering Engine",
              true,
              "Auto",
              1276,
              SVCHOST + " -k LocalServiceNoNetworkFirewall -p",
              SHARED,
              LOCAL_SERVICE),
          new Service(
              "Bowser",
              "Browser",
              true,
              "Manual",
              0,
              "system32\\DRIVERS\\bowser.sys",
              DRIVER,
              null),
          new Service(
              "CryptSvc",
              "Cryptographic Services",
              true,
              "Auto",
              1168,
              SVCHOST + " -k NetworkService -p",
              SHARED,
              NETWORK_SERVICE),
          new Service(
              "DcomLaunch",
              "DCOM Server Process Launcher",
              true,
              "Auto",
              864,
              SVCHOST + " -k DcomLaunch -p",
              SHARED,
              LOCAL_SYSTEM),
          new Service(
              "Dhcp",
              "DHCP Client",
              true,
              "Auto",
              1276,
              SVCHOST + " -k LocalServiceNetworkRestricted -p",
              SHARED,
              LOCAL_SERVICE),
          new Service(
              "Dnscache",
              "DNS Client",
              true,
              "Auto",
              1168,
              SVCHOST + " -k NetworkService -p",
              SHARED,
              NETWORK_SERVICE),
          new Service(
              "EventLog",
              "Windows Event Log",
              true,
              "Auto",
              1276,
              SVCHOST + " -k LocalServiceNetworkRestricted -p",
              SHARED,
              LOCAL_SERVICE),
          new Service(
              "LanmanServer",
              "Server",
              true,
              "Auto",
              1032,
              SVCHOST + " -k netsvcs -p",
              SHARED,
              LOCAL_SYSTEM),
          new Service(
              "LanmanWorkstation",
              "Workstation",
              true,
              "Auto",
              1168,
              SVCHOST + " -k NetworkService -p",
              SHARED,
              NETWORK_SERVICE),
          new Service(
              "MpsSvc",
              "Windows Defender Firewall",
              true,
              "Auto",
              1276,
              SVCHOST + " -k LocalServiceNoNetworkFirewall -p",
              SHARED,
              LOCAL_SERVICE),
          new Service(
              "MRxSmb20",
              "SMB 2.0 MiniRedirector",
              true,
              "Manual",
              0,
              "system32\\DRIVERS\\mrxsmb20.sys",
              DRIVER,
              null),
          new Service(
              "Netlogon",
              "Netlogon",
              false,
              "Manual",
              0,
              SYSTEM32 + "lsass.exe",
              SHARED,
              LOCAL_SYSTEM),
          new Service(
              "NlaSvc",
              "Network Location Awareness",
              true,
              "Auto",
              1168,
              SVCHOST + " -k NetworkService -p",
              SHARED,
              NETWORK_SERVICE),
          new Service(
              "nsi",
              "Network Store Interface Service",
              true,
              "Auto",
              1276,
              SVCHOST + " -k LocalService -p",
              SHARED,
              LOCAL_SERVICE),
          new Service(
              "RpcEptMapper",
              "RPC Endpoint Mapper",
              true,
              "Auto",
              948,
              SVCHOST + " -k RPCSS -p",
              SHARED,
              NETWORK_SERVICE),
          new Service(
              "RpcSs",
              "Remote Procedure Call (RPC)",
              true,
              "Auto",
              948,
              SVCHOST + " -k rpcss -p",
              SHARED,
              NETWORK_SERVICE),
          new Service(
              "SamSs",
              "Security Accounts Manager",
              true,
              "Auto",
              748,
              SYSTEM32 + "lsass.exe",
              SHARED,
              LOCAL_SYSTEM),
          new Service(
              "Schedule",
              "Task Scheduler",
              true,
              "Auto",
              1032,
              SVCHOST + " -k netsvcs -p",
              SHARED,
              LOCAL_SYSTEM),
          new Service(
              "Spooler",
              "Print Spooler",
              true,
              "Auto",
              2044,
              SYSTEM32 + "spoolsv.exe",
              OWN,
              LOCAL_SYSTEM),
          new Service(
              "Tdx",
              "NetIO Legacy TDI Support Driver",
              true,
              "System",
              0,
              "\\SystemRoot\\system32\\DRIVERS\\tdx.sys",
              DRIVER,
              null),
          new Service(
              "W32Time",
              "Windows Time",
              false,
              "Manual",
              0,
              SVCHOST + " -k LocalService",
              SHARED,
              LOCAL_SERVICE),
          new Service(
              "WinRM",
              "Windows Remote Management (WS-Management)",
              true,
              "Auto",
              1168,
              SVCHOST + " -k NetworkService -p",
              SHARED,
              NETWORK_SERVICE),
          new Service(
              "Winmgmt",
              "Windows Management Instrumentation",
              true,
              "Auto",
              1032,
              SVCHOST + " -k netsvcs -p",
              SHARED,
              LOCAL_SYSTEM),
          new Service(
              "wuauserv",
              "Windows Update",
              false,
              "Manual",
              0,
              SVCHOST + " -k netsvcs -p",
              SHARED,
              LOCAL_SYSTEM));

  /** The Win32_Service instances. */
  static List<MiInstance> services() {
    List<MiInstance> result = new ArrayList<>();
    for (Service s : SERVICES) {
      result.add(
          MiInstance.builder("Win32_Service")
              .key("Name", s.name())
              .property("DisplayName", s.displayName())
              .property("Caption", s.displayName())
              .property("Description", s.displayName())
              .property("State", s.running() ? "Running" : "Stopped")
              .property("Started", s.running())
              .property("StartMode", s.startMode())
              .property("ProcessId", s.pid())
              .property("PathName", s.pathName())
              .property("ServiceType", s.type())
              .property("StartName", s.account())
              .property("AcceptStop", s.running() && !s.type().equals(DRIVER))
              .property("Status", "OK")
              .build());
    }
    return result;
  }

  /** Each service (first) and the services it depends on. */
  private static final List<List<String>> DEPENDENCIES =
      List.of(
          List.of("LanmanWorkstation", "Bowser", "MRxSmb20", "NSI"),
          List.of("LanmanServer", "SamSs"),
          List.of("Dnscache", "nsi", "Tdx"),
          List.of("Dhcp", "Afd", "NSI", "Tdx"),
          List.of("NlaSvc", "NSI", "RpcSs", "Dhcp", "EventLog"),
          List.of("nsi", "RpcSs"),
          List.of("RpcSs", "RpcEptMapper", "DcomLaunch"),
          List.of("Spooler", "RpcSs"),
          List.of("Schedule", "RpcSs"),
          List.of("Winmgmt", "RpcSs"),
          List.of("WinRM", "RpcSs"),
          List.of("Netlogon", "LanmanWorkstation"),
          List.of("MpsSvc", "BFE"),
          List.of("BFE", "RpcSs"),
          List.of("CryptSvc", "RpcSs"),
          List.of("AudioSrv", "RpcSs"),
          List.of("wuauserv", "RpcSs"),
          List.of("SamSs", "RpcSs"));

  /** The Win32_DependentService instances. */
  static List<MiInstance> dependencies() {
    List<MiInstance> result = new ArrayList<>();
    for (List<String> entry : DEPENDENCIES) {
      MiInstance dependent = serviceRef(entry.get(0));
      for (String antecedent : entry.subList(1, entry.size())) {
        result.add(
            MiInstance.builder("Win32_DependentService")
                .key("Antecedent", serviceRef(antecedent))
                .key("Dependent", dependent)
                .property("TypeOfDependency", 2L)
                .build());
      }
    }
    return result;
  }

  private static MiInstance serviceRef(String name) {
    return MiInstance.builder("Win32_Service")
        .namespace(DemoSchema.CIMV2)
        .key("Name", name)
        .build();
  }

  /** The Win32_LogicalDisk instances: two local disks and a network drive. */
  static List<MiInstance> disks() {
    return List.of(
        disk("C:", 3, "NTFS", 255_369_605_120L, 98_765_432_832L, "Windows", "A4B2C19E", null),
        disk("D:", 3, "NTFS", 1_000_202_039_296L, 612_310_876_160L, "Data", "5E7F0C31", null),
        disk(
            "Z:",
            4,
            "NTFS",
            4_398_046_511_104L,
            1_209_462_790_144L,
            "Projects",
            "00C0FFEE",
            "\\\\fileserver\\projects"));
  }

  private static MiInstance disk(
      String id,
      long type,
      String fs,
      long size,
      long free,
      String volume,
      String serial,
      @Nullable String provider) {
    return MiInstance.builder("Win32_LogicalDisk")
        .key("DeviceID", id)
        .property("Name", id)
        .property("Caption", id)
        .property("Description", type == 4 ? "Network Connection" : "Local Fixed Disk")
        .property("DriveType", type)
        .property("FileSystem", fs)
        .property("Size", size)
        .property("FreeSpace", free)
        .property("VolumeName", volume)
        .property("VolumeSerialNumber", serial)
        .property("ProviderName", provider)
        .build();
  }

  /** The Win32_Share instances. */
  static List<MiInstance> shares() {
    return List.of(
        share("ADMIN$", "C:\\WINDOWS", 2_147_483_648L, "Remote Admin"),
        share("C$", "C:\\", 2_147_483_648L, "Default share"),
        share("D$", "D:\\", 2_147_483_648L, "Default share"),
        share("IPC$", "", 2_147_483_651L, "Remote IPC"),
        share("Projects", "D:\\Projects", 0L, "Team projects"));
  }

  private static MiInstance share(String name, String path, long type, String description) {
    return MiInstance.builder("Win32_Share")
        .key("Name", name)
        .property("Caption", name)
        .property("Path", path)
        .property("Type", type)
        .property("Description", description)
        .property("AllowMaximum", true)
        .property("Status", "OK")
        .build();
  }

  /** The Audit_LogonEvent records of root/security. */
  static List<MiInstance> logonEvents() {
    return List.of(
        logon(
            1001,
            "20240311080112.000000+000",
            "CORP\\alice",
            2,
            "127.0.0.1",
            true,
            "An account was successfully logged on."),
        logon(
            1002,
            "20240311081544.000000+000",
            "CORP\\bob",
            3,
            "10.0.4.17",
            false,
            "An account failed to log on: unknown user name or bad password."),
        logon(
            1003,
            "20240311081602.000000+000",
            "CORP\\bob",
            3,
            "10.0.4.17",
            true,
            "An account was successfully logged on."),
        logon(
            1004,
            "20240311093010.000000+000",
            "CORP\\svc-backup",
            5,
            "-",
            true,
            "An account was successfully logged on."),
        logon(
            1005,
            "20240311120447.000000+000",
            "CORP\\mallory",
            10,
            "203.0.113.66",
            false,
            "An account failed to log on: account locked out."),
        logon(
            1006,
            "20240311171958.000000+000",
            "CORP\\alice",
            7,
            "127.0.0.1",
            true,
            "A workstation was unlocked."));
  }

  private static MiInstance logon(
      long record,
      String time,
      String user,
      long type,
      String source,
      boolean success,
      String message) {
    return MiInstance.builder("Audit_LogonEvent")
        .key("RecordNumber", record)
        .property("TimeGenerated", time)
        .property("User", user)
        .property("LogonType", type)
        .property("SourceAddress", source)
        .property("Success", success)
        .property("Message", message)
        .build();
  }
}
