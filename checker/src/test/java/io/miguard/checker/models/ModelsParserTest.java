package io.miguard.checker.models;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The models format: targets written as users write them, normalised to the symbols' keys. */
class ModelsParserTest {
  private final List<String> problems = new ArrayList<>();

  private List<ModelsParser.Entry> parse(String... lines) {
    return ModelsParser.parse("models file m", "line", List.of(lines), problems::add);
  }

  @Test
  void typesMethodsConstructorsAndParameters() {
    List<ModelsParser.Entry> entries =
        parse(
            "# a comment",
            "",
            "io.acme.Outer$Handle = OperationHandle",
            "io.acme.Conn # select( java.lang.String , int[] ) = @StartsOperation(results ="
                + " SINGLE)",
            "io.acme.Conn#all(java.lang.String...)[0] = DRAINS_RESULTS",
            "io.acme.Worker#<init>(java.lang.Runnable) = RUNS_ON_ANOTHER_THREAD",
            "io.acme.Conn#select(java.lang.String) = STARTS_OPERATION(drainWith = \"finish\","
                + " mode = ASYNCHRONOUS)");

    assertThat(problems).isEmpty();
    assertThat(entries.stream().map(entry -> entry.target().key()).toList())
        .containsExactly(
            "io.acme.Outer.Handle",
            "io.acme.Conn#select(java.lang.String,int[])",
            "io.acme.Conn#all(java.lang.String[])[0]",
            "io.acme.Worker#<init>(java.lang.Runnable)",
            "io.acme.Conn#select(java.lang.String)")
        .inOrder();
    assertThat(entries.stream().map(entry -> entry.target().kind()).toList())
        .containsExactly(
            Role.Target.TYPE,
            Role.Target.METHOD,
            Role.Target.PARAMETER,
            Role.Target.CONSTRUCTOR,
            Role.Target.METHOD)
        .inOrder();
    assertThat(entries.get(1).arguments()).containsExactly("results", "SINGLE");
    assertThat(entries.get(4).arguments())
        .containsExactlyEntriesIn(Map.of("drainWith", "finish", "mode", "ASYNCHRONOUS"));
    assertThat(entries.get(4).where()).isEqualTo("models file m, line 7");
  }

  @Test
  void eachMalformedLineIsOneProblemAndTheRestIsKept() {
    List<ModelsParser.Entry> entries =
        parse(
            "io.acme.Query = OPERATION_HANDLE",
            "io.acme.Query#next() = RETRIEVES_RESULT(mode = SYNCHRONOUS)",
            "io.acme.Conn#select(String) = STARTS_OPERATION(colour = RED)",
            "io.acme.Conn#select(java.lang.String) = STARTS_OPERATION(mode = SYNCHRONOUS",
            "io.acme.Conn#select(java.lang.String) = STARTS_OPERATION(mode = \"SYNCHRONOUS\")",
            "io.acme.Conn#select(java.lang.String)x = STARTS_OPERATION",
            "io.acme.Conn#se lect() = STARTS_OPERATION",
            "= OPERATION_HANDLE",
            "io.acme.Query#close() = CLOSES_OPERATION");

    assertThat(entries.stream().map(entry -> entry.role()).toList())
        .containsExactly(Role.OPERATION_HANDLE, Role.CLOSES_OPERATION)
        .inOrder();
    assertThat(problems)
        .containsExactly(
            "models file m, line 2: RETRIEVES_RESULT takes no arguments",
            "models file m, line 3: STARTS_OPERATION has no argument 'colour' (it takes"
                + " drainWith, mode, results)",
            "models file m, line 4: the arguments of STARTS_OPERATION do not end with ')'",
            "models file m, line 5: 'SYNCHRONOUS' is not a mode of STARTS_OPERATION (one of"
                + " [SYNCHRONOUS, ASYNCHRONOUS, DECIDED_BY_CALLBACKS])",
            "models file m, line 6: unexpected 'x' after the parameter list (a parameter is"
                + " '[INDEX]')",
            "models file m, line 7: unexpected space in 'io.acme.Conn#se lect()'",
            "models file m, line 8: no target before '='")
        .inOrder();
  }
}
