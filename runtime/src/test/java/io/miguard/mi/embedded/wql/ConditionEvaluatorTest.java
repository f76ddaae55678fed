package io.miguard.mi.embedded.wql;

import static com.google.common.truth.Truth.assertThat;

import io.miguard.mi.MiInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionEvaluatorTest {
  private static final MiInstance PROCESS =
      MiInstance.builder("Win32_Process")
          .key("Handle", "4312")
          .property("Name", "explorer.exe")
          .property("ProcessId", 4312L)
          .property("WorkingSetSize", 142_606_336L)
          .property("Ratio", 0.5)
          .property("Critical", false)
          .property("CommandLine", null)
          .property("Numeric", "250")
          .build();

  /** Win32_Process is a CIM_Process; nothing else inherits. */
  private static final ClassHierarchy HIERARCHY =
      (name, ancestor) ->
          name.equalsIgnoreCase(ancestor)
              || (name.equalsIgnoreCase("Win32_Process")
                  && ancestor.equalsIgnoreCase("CIM_Process"));

  private static Boolean eval(String condition, MiInstance instance) throws WqlSyntaxException {
    Condition parsed = WqlParser.parse("SELECT * FROM x WHERE " + condition).where().orElseThrow();
    return new ConditionEvaluator(HIERARCHY).evaluate(parsed, instance);
  }

  private static Boolean eval(String condition) throws WqlSyntaxException {
    return eval(condition, PROCESS);
  }

  @Test
  void integerComparisons() throws WqlSyntaxException {
    assertThat(eval("ProcessId = 4312")).isTrue();
    assertThat(eval("ProcessId = 4313")).isFalse();
    assertThat(eval("ProcessId <> 4313")).isTrue();
    assertThat(eval("ProcessId != 4312")).isFalse();
    assertThat(eval("ProcessId < 5000")).isTrue();
    assertThat(eval("ProcessId < 4312")).isFalse();
    assertThat(eval("ProcessId > 4311")).isTrue();
    assertThat(eval("ProcessId > 4312")).isFalse();
    assertThat(eval("ProcessId <= 4312")).isTrue();
    assertThat(eval("ProcessId <= 4311")).isFalse();
    assertThat(eval("ProcessId >= 4312")).isTrue();
    assertThat(eval("ProcessId >= 4313")).isFalse();
  }

  @Test
  void literalOnTheLeft() throws WqlSyntaxException {
    assertThat(eval("5000 > ProcessId")).isTrue();
    assertThat(eval("4312 >= ProcessId")).isTrue();
    assertThat(eval("4313 <= ProcessId")).isFalse();
  }

  @Test
  void integersAndRealsCompareByValue() throws WqlSyntaxException {
    assertThat(eval("ProcessId = 4312.0")).isTrue();
    assertThat(eval("Ratio < 1")).isTrue();
    assertThat(eval("Ratio = 0.5")).isTrue();
    assertThat(eval("WorkingSetSize > 1e8")).isTrue();
  }

  @Test
  void stringsCompareIgnoringCase() throws WqlSyntaxException {
    assertThat(eval("Name = 'EXPLORER.EXE'")).isTrue();
    assertThat(eval("Name <> 'explorer.exe'")).isFalse();
    assertThat(eval("Name < 'f'")).isTrue();
    assertThat(eval("Name > 'F'")).isFalse();
  }

  @Test
  void stringsAndNumbersMeetAsNumbers() throws WqlSyntaxException {
    assertThat(eval("Handle = 4312")).isTrue();
    assertThat(eval("ProcessId = '4312'")).isTrue();
    assertThat(eval("Numeric > 99")).isTrue(); // numerically, though "250" < "99" as text
    assertThat(eval("Name = 5")).isNull(); // not a number: unknown
  }

  @Test
  void booleans() throws WqlSyntaxException {
    assertThat(eval("Critical = FALSE")).isTrue();
    assertThat(eval("Critical = TRUE")).isFalse();
    assertThat(eval("Critical <> true")).isTrue();
    assertThat(eval("Critical = 'false'")).isTrue();
  }

  @Test
  void nullTests() throws WqlSyntaxException {
    assertThat(eval("CommandLine IS NULL")).isTrue();
    assertThat(eval("CommandLine IS NOT NULL")).isFalse();
    assertThat(eval("Name IS NULL")).isFalse();
    assertThat(eval("Name IS NOT NULL")).isTrue();
    assertThat(eval("Absent IS NULL")).isTrue();
    assertThat(eval("CommandLine = NULL")).isTrue();
    assertThat(eval("Name <> NULL")).isTrue();
    assertThat(eval("NULL = CommandLine")).isTrue();
  }

  @Test
  void comparingWithNullIsUnknownAndSoNeverSelects() throws WqlSyntaxException {
    assertThat(eval("CommandLine = 'x'")).isNull();
    assertThat(eval("CommandLine <> 'x'")).isNull();
    assertThat(eval("NOT CommandLine = 'x'")).isNull();
    assertThat(eval("CommandLine > NULL")).isNull();
    Condition unknown =
        WqlParser.parse("SELECT * FROM x WHERE NOT CommandLine = 'x'").where().orElseThrow();
    assertThat(new ConditionEvaluator(HIERARCHY).matches(unknown, PROCESS)).isFalse();
  }

  @Test
  void threeValuedAndOr() throws WqlSyntaxException {
    assertThat(eval("CommandLine = 'x' AND ProcessId = 1")).isFalse(); // unknown AND false
    assertThat(eval("CommandLine = 'x' AND ProcessId = 4312")).isNull(); // unknown AND true
    assertThat(eval("CommandLine = 'x' OR ProcessId = 4312")).isTrue(); // unknown OR true
    assertThat(eval("CommandLine = 'x' OR ProcessId = 1")).isNull(); // unknown OR false
  }

  @Test
  void logicalOperatorsAndPrecedence() throws WqlSyntaxException {
    assertThat(eval("ProcessId = 1 OR Name = 'explorer.exe' AND ProcessId = 4312")).isTrue();
    assertThat(eval("(ProcessId = 1 OR Name = 'explorer.exe') AND ProcessId = 2")).isFalse();
    assertThat(eval("ProcessId = 1 OR Name = 'explorer.exe' AND ProcessId = 2")).isFalse();
    assertThat(eval("NOT ProcessId = 1 AND ProcessId = 4312")).isTrue();
    assertThat(eval("NOT (ProcessId = 4312 AND Name = 'x')")).isTrue();
    assertThat(eval("NOT NOT ProcessId = 4312")).isTrue();
  }

  @Test
  void like() throws WqlSyntaxException {
    assertThat(eval("Name LIKE 'exp%'")).isTrue();
    assertThat(eval("Name LIKE '%.dll'")).isFalse();
    assertThat(eval("Name NOT LIKE '%.dll'")).isTrue();
    assertThat(eval("ProcessId LIKE '43__'")).isTrue(); // numbers match by their text
    assertThat(eval("CommandLine LIKE '%'")).isNull();
  }

  @Test
  void isaOnEmbeddedInstancesHonoursInheritance() throws WqlSyntaxException {
    MiInstance event =
        MiInstance.builder("__InstanceCreationEvent").property("TargetInstance", PROCESS).build();
    assertThat(eval("TargetInstance ISA 'Win32_Process'", event)).isTrue();
    assertThat(eval("TargetInstance ISA \"CIM_Process\"", event)).isTrue();
    assertThat(eval("TargetInstance ISA 'Win32_Service'", event)).isFalse();
    assertThat(eval("TargetInstance.Name = 'explorer.exe'", event)).isTrue();
    assertThat(eval("TargetInstance.Missing.Deeper IS NULL", event)).isTrue();
    assertThat(eval("TIME_CREATED ISA 'Win32_Process'", event)).isNull(); // absent
  }

  @Test
  void isaOnTheInstanceItselfAndClassName() throws WqlSyntaxException {
    assertThat(eval("__this ISA 'CIM_Process'")).isTrue();
    assertThat(eval("__this ISA 'Win32_Service'")).isFalse();
    assertThat(eval("Name ISA 'CIM_Process'")).isFalse(); // a string is not an instance
    assertThat(eval("__CLASS = 'win32_process'")).isTrue();
  }

  @Test
  void propertyNamesIgnoreCase() throws WqlSyntaxException {
    assertThat(eval("processid = 4312")).isTrue();
    assertThat(eval("NAME = 'explorer.exe'")).isTrue();
  }

  @Test
  void arraysAndInstancesAreNotComparable() throws WqlSyntaxException {
    MiInstance withArray =
        MiInstance.builder("x").property("List", List.of(1L, 2L)).property("Self", PROCESS).build();
    assertThat(eval("List = 1", withArray)).isNull();
    assertThat(eval("Self = 'x'", withArray)).isNull();
  }
}
