package io.miguard.mi.embedded;

import static io.miguard.mi.embedded.ClassDeclaration.in;
import static io.miguard.mi.embedded.ClassDeclaration.out;

import java.util.List;

/** The classes of the demo namespaces, modelled on the CIM schema and WMI's Win32 classes. */
final class DemoSchema {
  static final String CIMV2 = "root/cimv2";
  static final String SECURITY = "root/security";

  private DemoSchema() {}

  /** The classes of {@code root/cimv2}, each superclass before its subclasses. */
  static List<ClassDeclaration> cimv2() {
    return List.of(
        ClassDeclaration.builder("CIM_ManagedSystemElement")
            .property("Caption", "string")
            .property("Description", "string")
            .property("InstallDate", "datetime")
            .property("Name", "string")
            .property("Status", "string")
            .build(),
        ClassDeclaration.builder("CIM_LogicalElement")
            .superclass("CIM_ManagedSystemElement")
            .build(),
        ClassDeclaration.builder("CIM_Process")
            .superclass("CIM_LogicalElement")
            .key("Handle", "string")
            .property("CreationDate", "datetime")
            .property("Priority", "uint32")
            .property("ExecutionState", "uint16")
            .build(),
        ClassDeclaration.builder("Win32_Process")
            .superclass("CIM_Process")
            .property("ProcessId", "uint32")
            .property("ParentProcessId", "uint32")
            .property("CommandLine", "string")
            .property("ExecutablePath", "string")
            .property("WorkingSetSize", "uint64")
            .property("ThreadCount", "uint32")
            .property("HandleCount", "uint32")
            .property("SessionId", "uint32")
            .staticMethod(
                "Create",
                "uint32",
                in("CommandLine", "string"),
                in("CurrentDirectory", "string"),
                out("ProcessId", "uint32"))
            .method("Terminate", "uint32", in("Reason", "uint32"))
            .build(),
        ClassDeclaration.builder("CIM_Service")
            .superclass("CIM_LogicalElement")
            .key("Name", "string")
            .property("Started", "boolean")
            .property("StartMode", "string")
            .build(),
        ClassDeclaration.builder("Win32_BaseService")
            .superclass("CIM_Service")
            .property("DisplayName", "string")
            .property("State", "string")
            .property("PathName", "string")
            .property("ServiceType", "string")
            .property("StartName", "string")
            .property("AcceptStop", "boolean")
            .method("StartService", "uint32")
            .method("StopService", "uint32")
            .build(),
        ClassDeclaration.builder("Win32_Service")
            .superclass("Win32_BaseService")
            .property("ProcessId", "uint32")
            .build(),
        ClassDeclaration.builder("CIM_Dependency")
            .keyReference("Antecedent", "CIM_ManagedSystemElement")
            .keyReference("Dependent", "CIM_ManagedSystemElement")
            .build(),
        ClassDeclaration.builder("CIM_ServiceServiceDependency")
            .superclass("CIM_Dependency")
            .keyReference("Antecedent", "CIM_Service")
            .keyReference("Dependent", "CIM_Service")
            .property("TypeOfDependency", "uint16")
            .build(),
        ClassDeclaration.builder("Win32_DependentService")
            .superclass("CIM_ServiceServiceDependency")
            .keyReference("Antecedent", "Win32_BaseService")
            .keyReference("Dependent", "Win32_BaseService")
            .build(),
        ClassDeclaration.builder("CIM_LogicalDevice")
            .superclass("CIM_LogicalElement")
            .key("DeviceID", "string")
            .build(),
        ClassDeclaration.builder("CIM_LogicalDisk")
            .superclass("CIM_LogicalDevice")
            .property("FreeSpace", "uint64")
            .property("Size", "uint64")
            .build(),
        ClassDeclaration.builder("Win32_LogicalDisk")
            .superclass("CIM_LogicalDisk")
            .property("DriveType", "uint32")
            .property("FileSystem", "string")
            .property("VolumeName", "string")
            .property("VolumeSerialNumber", "string")
            .property("ProviderName", "string")
            .build(),
        ClassDeclaration.builder("Win32_Share")
            .superclass("CIM_LogicalElement")
            .key("Name", "string")
            .property("Path", "string")
            .property("Type", "uint32")
            .property("MaximumAllowed", "uint32")
            .property("AllowMaximum", "boolean")
            .build());
  }

  /** The classes of {@code root/security}. */
  static List<ClassDeclaration> security() {
    return List.of(
        ClassDeclaration.builder("Audit_LogonEvent")
            .key("RecordNumber", "uint64")
            .property("TimeGenerated", "datetime")
            .property("User", "string")
            .property("LogonType", "uint32")
            .property("SourceAddress", "string")
            .property("Success", "boolean")
            .property("Message", "string")
            .build());
  }
}
