package io.miguard.mi.embedded;

import static com.google.common.truth.Truth.assertThat;
import static io.miguard.mi.embedded.Requests.CIMV2;
import static io.miguard.mi.embedded.Requests.request;

import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationKind;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** QUERY_INSTANCES with WQL against the demo data. */
class QueryOperationsTest {
  private final EmbeddedBackend backend = EmbeddedBackend.withDemoData();

  @AfterEach
  void close() {
    backend.close();
  }

  private CollectingSink query(String wql) {
    CollectingSink sink = CollectingSink.run(backend, Requests.query(CIMV2, wql));
    assertThat(sink.completions()).isEqualTo(1);
    return sink;
  }

  private List<Object> names(String wql) {
    CollectingSink sink = query(wql);
    assertThat(sink.completion().result()).isEqualTo(MiResult.OK);
    return sink.instances().stream().map(i -> i.get("Name")).toList();
  }

  @Test
  void selectStarReturnsWholeInstances() {
    CollectingSink sink = query("SELECT * FROM Win32_LogicalDisk WHERE DriveType = 3");
    assertThat(sink.instances().stream().map(i -> i.get("DeviceID"))).containsExactly("C:", "D:");
    assertThat(sink.instances().get(0).get("FileSystem")).isEqualTo("NTFS");
    assertThat(sink.completion().payload()).isNull();
  }

  @Test
  void selectListProjectsAndKeepsKeys() {
    CollectingSink sink = query("SELECT Name, ProcessId FROM Win32_Process WHERE ProcessId = 4312");
    MiInstance explorer = sink.instances().get(0);
    assertThat(explorer.properties().keySet()).containsExactly("Handle", "Name", "ProcessId");
    assertThat(explorer.keyNames()).containsExactly("Handle");
    assertThat(explorer.get("Name")).isEqualTo("explorer.exe");
    assertThat(explorer.className()).isEqualTo("Win32_Process");
  }

  @Test
  void comparisons() {
    assertThat(names("SELECT * FROM Win32_Process WHERE ProcessId < 300"))
        .containsExactly("System Idle Process", "System", "Registry");
    assertThat(names("SELECT * FROM Win32_Process WHERE ProcessId <= 4")).hasSize(2);
    assertThat(names("SELECT * FROM Win32_Process WHERE ProcessId > 6000"))
        .containsExactly("java.exe");
    assertThat(names("SELECT * FROM Win32_Process WHERE ProcessId >= 5128"))
        .containsExactly("conhost.exe", "java.exe");
    assertThat(names("SELECT * FROM Win32_Process WHERE Name = 'csrss.exe'")).hasSize(2);
    assertThat(names("SELECT * FROM Win32_Process WHERE Name <> 'svchost.exe'")).hasSize(24 - 5);
    assertThat(names("SELECT * FROM Win32_Process WHERE Name != \"svchost.exe\"")).hasSize(24 - 5);
  }

  /** Runs a query that must fail with TYPE_MISMATCH, and returns its message. */
  private String typeMismatch(String wql) {
    CollectingSink sink = query(wql);
    assertThat(sink.completion().result()).isEqualTo(MiResult.TYPE_MISMATCH);
    assertThat(sink.instances()).isEmpty();
    return sink.completion().errorMessage();
  }

  @Test
  void aComparisonOfIncompatibleTypesIsATypeMismatchNamingThePropertyAndBothTypes() {
    assertThat(typeMismatch("SELECT * FROM Win32_Process WHERE ProcessId = 'abc'"))
        .isEqualTo(
            "type mismatch in the query at position 35: property ProcessId of Win32_Process"
                + " (uint32) is compared with a string 'abc'; compare it with a number");
    assertThat(typeMismatch("SELECT * FROM Win32_Process WHERE 'abc' < ProcessId"))
        .contains("property ProcessId of Win32_Process (uint32) is compared with a string 'abc'");
    assertThat(typeMismatch("SELECT * FROM Win32_Process WHERE ProcessId = TRUE"))
        .contains("(uint32) is compared with a boolean true");
    assertThat(typeMismatch("SELECT * FROM Win32_Process WHERE Name = 5"))
        .contains(
            "property Name of Win32_Process (string) is compared with an integer 5;"
                + " compare it with a string");
    assertThat(typeMismatch("SELECT * FROM Win32_Process WHERE Name > 2.5"))
        .contains("(string) is compared with a real number 2.5");
    assertThat(typeMismatch("SELECT * FROM Win32_Process WHERE CreationDate = 20240101"))
        .contains("property CreationDate of Win32_Process (datetime)");
    assertThat(typeMismatch("SELECT * FROM Win32_Service WHERE Started = 1"))
        .contains(
            "property Started of Win32_Service (boolean) is compared with an integer 1;"
                + " compare it with TRUE or FALSE");
    assertThat(typeMismatch("SELECT * FROM Win32_Service WHERE Started = 'yes'"))
        .contains("(boolean) is compared with a string 'yes'");
    assertThat(typeMismatch("SELECT * FROM Win32_Process WHERE Name = ProcessId"))
        .contains("property Name of Win32_Process (string) is compared with property ProcessId");
    assertThat(typeMismatch("SELECT * FROM Win32_Process WHERE __CLASS = 3"))
        .contains("__CLASS (a string) is compared with an integer 3");
    // Inside AND / OR / NOT too.
    assertThat(
            typeMismatch(
                "SELECT * FROM Win32_Process WHERE Name = 'x' OR NOT (ProcessId = 'four')"))
        .contains("'four'");
  }

  @Test
  void comparableTypesAreAccepted() {
    assertThat(names("SELECT * FROM Win32_Process WHERE ProcessId = '4'"))
        .containsExactly("System");
    assertThat(names("SELECT * FROM Win32_Process WHERE ProcessId = 4.0"))
        .containsExactly("System");
    assertThat(names("SELECT * FROM Win32_Service WHERE Started = 'false'"))
        .containsExactly("Netlogon", "W32Time", "wuauserv");
    assertThat(names("SELECT * FROM Win32_Service WHERE Started = FALSE"))
        .containsExactly("Netlogon", "W32Time", "wuauserv");
    assertThat(names("SELECT * FROM Win32_Process WHERE Name = NULL")).isEmpty();
    assertThat(names("SELECT * FROM Win32_Process WHERE ProcessId <> NULL")).hasSize(24);
  }

  @Test
  void logicalOperatorsAndPrecedence() {
    assertThat(
            names(
                "SELECT * FROM Win32_Service WHERE Name = 'Spooler' OR Name = 'Dnscache' AND State"
                    + " = 'Stopped'"))
        .containsExactly("Spooler");
    assertThat(
            names(
                "SELECT * FROM Win32_Service WHERE (Name = 'Spooler' OR Name = 'W32Time') AND State"
                    + " = 'Stopped'"))
        .containsExactly("W32Time");
    assertThat(names("SELECT * FROM Win32_Service WHERE NOT State = 'Running'"))
        .containsExactly("Netlogon", "W32Time", "wuauserv");
  }

  @Test
  void likePatterns() {
    assertThat(names("SELECT * FROM Win32_Service WHERE Name LIKE 'Lanman%'"))
        .containsExactly("LanmanServer", "LanmanWorkstation");
    assertThat(names("SELECT * FROM Win32_LogicalDisk WHERE DeviceID LIKE '[CZ]:'"))
        .containsExactly("C:", "Z:");
    assertThat(names("SELECT * FROM Win32_Share WHERE Name LIKE '_$'")).containsExactly("C$", "D$");
    assertThat(names("SELECT * FROM Win32_Share WHERE Name LIKE '%[$]'")).hasSize(4);
  }

  @Test
  void nullTests() {
    assertThat(names("SELECT * FROM Win32_Process WHERE ExecutablePath IS NULL"))
        .containsExactly("System Idle Process", "System", "Registry");
    assertThat(names("SELECT * FROM Win32_LogicalDisk WHERE ProviderName IS NOT NULL"))
        .containsExactly("Z:");
  }

  @Test
  void booleansAndIsaOnTheInstance() {
    assertThat(names("SELECT * FROM Win32_Service WHERE Started = FALSE")).hasSize(3);
    assertThat(names("SELECT * FROM CIM_LogicalElement WHERE __this ISA 'CIM_LogicalDisk'"))
        .containsExactly("C:", "D:", "Z:");
    assertThat(names("SELECT * FROM CIM_LogicalElement WHERE __CLASS = 'Win32_Share'")).hasSize(5);
  }

  @Test
  void namesIgnoreCase() {
    assertThat(names("select * from win32_service where name = 'SPOOLER'"))
        .containsExactly("Spooler");
    CollectingSink sink = query("SELECT name FROM WIN32_SERVICE WHERE NAME = 'spooler'");
    assertThat(sink.instances().get(0).properties().keySet()).containsExactly("Name");
  }

  @Test
  void syntaxErrorsAreInvalidQueryWithThePosition() {
    CollectingSink sink = query("SELECT * FORM Win32_Process");
    assertThat(sink.completion().result()).isEqualTo(MiResult.INVALID_QUERY);
    assertThat(sink.completion().errorMessage())
        .contains("expected FROM but found 'FORM' at position 10");
    assertThat(sink.instances()).isEmpty();
  }

  @Test
  void unknownClassIsInvalidClass() {
    CollectingSink sink = query("SELECT * FROM Win32_Nothing");
    assertThat(sink.completion().result()).isEqualTo(MiResult.INVALID_CLASS);
    assertThat(sink.completion().errorMessage()).contains("Win32_Nothing");
    assertThat(sink.completion().errorMessage()).contains("at position 15");
    assertThat(
            query("SELECT * FROM Win32_Process WHERE __this ISA 'Nothing'").completion().result())
        .isEqualTo(MiResult.INVALID_CLASS);
  }

  @Test
  void unknownPropertyIsInvalidQueryWithThePosition() {
    CollectingSink select = query("SELECT Name, Colour FROM Win32_Process");
    assertThat(select.completion().result()).isEqualTo(MiResult.INVALID_QUERY);
    assertThat(select.completion().errorMessage())
        .contains("class Win32_Process has no property Colour at position 14");
    CollectingSink where = query("SELECT * FROM Win32_Process WHERE Colour = 'red'");
    assertThat(where.completion().result()).isEqualTo(MiResult.INVALID_QUERY);
    assertThat(where.completion().errorMessage()).contains("at position 35");
  }

  @Test
  void dialectOtherThanWqlIsNotSupported() {
    CollectingSink cql =
        CollectingSink.run(
            backend,
            request(OperationKind.QUERY_INSTANCES)
                .namespace(CIMV2)
                .query("CQL", "SELECT * FROM Win32_Process")
                .build());
    assertThat(cql.completion().result()).isEqualTo(MiResult.QUERY_LANGUAGE_NOT_SUPPORTED);
    CollectingSink lower =
        CollectingSink.run(
            backend,
            request(OperationKind.QUERY_INSTANCES)
                .namespace(CIMV2)
                .query("wql", "SELECT * FROM Win32_Process")
                .build());
    assertThat(lower.completion().result()).isEqualTo(MiResult.OK);
    CollectingSink none =
        CollectingSink.run(
            backend,
            request(OperationKind.QUERY_INSTANCES).namespace(CIMV2).query(null, "SELECT").build());
    assertThat(none.completion().result()).isEqualTo(MiResult.QUERY_LANGUAGE_NOT_SUPPORTED);
  }

  @Test
  void missingQueryTextIsInvalidQuery() {
    CollectingSink sink =
        CollectingSink.run(
            backend,
            request(OperationKind.QUERY_INSTANCES).namespace(CIMV2).query("WQL", null).build());
    assertThat(sink.completion().result()).isEqualTo(MiResult.INVALID_QUERY);
  }
}
