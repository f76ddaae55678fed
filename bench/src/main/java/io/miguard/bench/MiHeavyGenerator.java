package io.miguard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes classes that use the binding as an inventory or audit tool would: every class has the same
 * thirteen methods (names and queries vary by class), nine correct and four with a mistake of the
 * kind users make: a single retrieval of an enumeration, an early return from the drain loop, a
 * close after the impersonation scope ended, a close handed to a worker thread. Loops, a draining
 * helper, try-with-resources, impersonation scopes, {@code runAs} and same-thread lambdas,
 * callbacks, cancel-then-drain: the constructs the checks follow.
 */
final class MiHeavyGenerator {
  static final String PACKAGE = "bench.mi";
  static final String DRAIN = "MiCloseBeforeDrain";
  static final String CONTEXT = "MiCloseInDifferentContext";

  private MiHeavyGenerator() {}

  /** Writes {@code classes} classes under {@code root} (a source root). */
  static GeneratedSources generate(Path root, int classes) throws IOException {
    Path directory = root.resolve(PACKAGE.replace('.', '/'));
    List<Path> files = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      SourceWriter source = new SourceWriter("Inventory" + i + ".java");
      writeClass(source, i);
      files.add(source.writeTo(directory));
      expected.addAll(source.expectedFindings());
    }
    return new GeneratedSources(files, expected, 0);
  }

  private static void writeClass(SourceWriter out, int i) {
    String[] classNames = {"Win32_Process", "Win32_Service", "Win32_LogicalDisk", "Win32_Share"};
    String cimClass = classNames[i % classNames.length];
    out.lines(
        "package " + PACKAGE + ";",
        "",
        "import io.miguard.annotations.DrainsResults;",
        "import io.miguard.mi.CancellationReason;",
        "import io.miguard.mi.Identity;",
        "import io.miguard.mi.Impersonation;",
        "import io.miguard.mi.InstanceResult;",
        "import io.miguard.mi.MiInstance;",
        "import io.miguard.mi.MiOperation;",
        "import io.miguard.mi.MiOperationCallbacks;",
        "import io.miguard.mi.MiSession;",
        "import io.miguard.mi.ResultAcknowledgement;",
        "import io.miguard.mi.SecurityContext;",
        "import java.util.ArrayList;",
        "import java.util.HashMap;",
        "import java.util.List;",
        "import java.util.Map;",
        "import java.util.concurrent.ExecutorService;",
        "import java.util.concurrent.Future;",
        "",
        "/** Generated: inventory " + i + " over " + cimClass + ". */",
        "public final class Inventory" + i + " {",
        "  private static final String CIMV2 = \"root/cimv2\";",
        "  private static final String SECURITY = \"root/security\";",
        "  private static final Identity AUDITOR = Identity.of(\"CORP\\\\auditor" + i + "\");",
        "",
        "  private final MiSession session;",
        "  private final ExecutorService workers;",
        "",
        "  public Inventory" + i + "(MiSession session, ExecutorService workers) {",
        "    this.session = session;",
        "    this.workers = workers;",
        "  }",
        "");
    correctMethods(out, cimClass);
    faultyMethods(out);
    out.lines("}");
  }

  private static void correctMethods(SourceWriter out, String cimClass) {
    out.lines(
        "  public List<String> names() {",
        "    try (MiOperation items = session.enumerateInstances(CIMV2, \"" + cimClass + "\")) {",
        "      List<String> names = new ArrayList<>();",
        "      for (MiInstance item : items.drainInstances()) {",
        "        names.add(String.valueOf(item.get(\"Name\")));",
        "      }",
        "      return names;",
        "    }",
        "  }",
        "",
        "  public long freeSpace() {",
        "    MiOperation disks =",
        "        session.queryInstances(",
        "            CIMV2, \"WQL\", \"SELECT FreeSpace FROM Win32_LogicalDisk WHERE DriveType ="
            + " 3\");",
        "    long total = 0;",
        "    InstanceResult result;",
        "    do {",
        "      result = disks.getInstance();",
        "      if (result.instance() != null) {",
        "        total += Long.parseLong(String.valueOf(result.instance().get(\"FreeSpace\")));",
        "      }",
        "    } while (result.moreResults());",
        "    disks.close();",
        "    return total;",
        "  }",
        "",
        "  public int count(String className) {",
        "    try (MiOperation items = session.enumerateInstances(CIMV2, className)) {",
        "      return readAll(items).size();",
        "    }",
        "  }",
        "",
        "  static List<MiInstance> readAll(@DrainsResults MiOperation operation) {",
        "    List<MiInstance> all = new ArrayList<>();",
        "    InstanceResult result;",
        "    do {",
        "      result = operation.getInstance();",
        "      if (result.instance() != null) {",
        "        all.add(result.instance().cloneInstance());",
        "      }",
        "    } while (result.moreResults());",
        "    return all;",
        "  }",
        "",
        "  public List<MiInstance> auditRecords(String auditClass) {",
        "    try (Impersonation asAuditor = SecurityContext.impersonate(AUDITOR);",
        "        MiOperation records = session.enumerateInstances(SECURITY, auditClass)) {",
        "      return records.drainInstances();",
        "    }",
        "  }",
        "",
        "  public int auditRecordCount(String auditClass) {",
        "    return SecurityContext.runAs(",
        "        AUDITOR,",
        "        () -> {",
        "          try (MiOperation records = session.enumerateInstances(SECURITY, auditClass)) {",
        "            return records.drainInstances().size();",
        "          }",
        "        });",
        "  }",
        "",
        "  public Map<String, String> descriptions() {",
        "    Map<String, String> descriptions = new HashMap<>();",
        "    MiOperation shares = session.enumerateInstances(CIMV2, \"Win32_Share\");",
        "    for (MiInstance share : shares.instances()) {",
        "      descriptions.put(String.valueOf(share.get(\"Name\")), (String)"
            + " share.get(\"Caption\"));",
        "    }",
        "    shares.close();",
        "    return descriptions;",
        "  }",
        "",
        "  public MiInstance first(String className) {",
        "    try (MiOperation items = session.enumerateInstances(CIMV2, className)) {",
        "      InstanceResult result = items.getInstance();",
        "      MiInstance first = result.instance() == null ? null :"
            + " result.instance().cloneInstance();",
        "      if (result.moreResults()) {",
        "        items.cancel(CancellationReason.NONE);",
        "        items.drainInstances();",
        "      }",
        "      return first;",
        "    }",
        "  }",
        "",
        "  public void watch(List<String> sink) {",
        "    session.enumerateInstances(",
        "        CIMV2,",
        "        \"Win32_Process\",",
        "        new MiOperationCallbacks() {",
        "          @Override",
        "          public void instanceResult(",
        "              MiOperation operation, InstanceResult result, ResultAcknowledgement ack) {",
        "            if (result.instance() != null) {",
        "              sink.add(String.valueOf(result.instance().get(\"Name\")));",
        "            }",
        "            if (!result.moreResults()) {",
        "              operation.close();",
        "            }",
        "          }",
        "        });",
        "  }",
        "",
        "  public Map<String, Integer> dependents(List<String> services) {",
        "    Map<String, Integer> counts = new HashMap<>();",
        "    services.forEach(",
        "        name -> {",
        "          try (MiOperation dependents =",
        "              session.queryInstances(",
        "                  CIMV2,",
        "                  \"WQL\",",
        "                  \"SELECT * FROM Win32_Service WHERE Name = '\" + name + \"'\")) {",
        "            counts.put(name, dependents.drainInstances().size());",
        "          }",
        "        });",
        "    return counts;",
        "  }",
        "");
  }

  private static void faultyMethods(SourceWriter out) {
    out.lines("  public MiInstance anyDisk() {", "    try (")
        .expectFindingOnNextLine(DRAIN)
        .lines(
            "        MiOperation disks = session.enumerateInstances(CIMV2, \"Win32_LogicalDisk\"))"
                + " {",
            "      InstanceResult first = disks.getInstance();",
            "      return first.instance() == null ? null : first.instance().cloneInstance();",
            "    }",
            "  }",
            "",
            "  public boolean isRunning(String processName) {",
            "    MiOperation processes = session.enumerateInstances(CIMV2, \"Win32_Process\");",
            "    InstanceResult result;",
            "    do {",
            "      result = processes.getInstance();",
            "      if (result.instance() != null &&"
                + " processName.equals(result.instance().get(\"Name\"))) {")
        .expectFindingOnNextLine(DRAIN)
        .lines(
            "        processes.close();",
            "        return true;",
            "      }",
            "    } while (result.moreResults());",
            "    processes.close();",
            "    return false;",
            "  }",
            "",
            "  public int auditRecordsAfterScope(String auditClass) {",
            "    MiOperation records;",
            "    try (Impersonation asAuditor = SecurityContext.impersonate(AUDITOR)) {",
            "      records = session.enumerateInstances(SECURITY, auditClass);",
            "    }",
            "    int count = records.drainInstances().size();")
        .expectFindingOnNextLine(CONTEXT)
        .lines(
            "    records.close();",
            "    return count;",
            "  }",
            "",
            "  public Future<Integer> countInBackground(String auditClass) {",
            "    try (Impersonation asAuditor = SecurityContext.impersonate(AUDITOR)) {",
            "      MiOperation records = session.enumerateInstances(SECURITY, auditClass);",
            "      return workers.submit(",
            "          () -> {",
            "            int count = records.drainInstances().size();")
        .expectFindingOnNextLine(CONTEXT)
        .lines(
            "            records.close();",
            "            return count;",
            "          });",
            "    }",
            "  }");
  }
}
