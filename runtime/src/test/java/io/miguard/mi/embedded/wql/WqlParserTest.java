package io.miguard.mi.embedded.wql;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.miguard.mi.embedded.wql.Operand.Literal;
import io.miguard.mi.embedded.wql.Operand.PropertyPath;
import java.util.List;
import org.junit.jupiter.api.Test;

class WqlParserTest {
  private static Condition where(String condition) throws WqlSyntaxException {
    return WqlParser.parse("SELECT * FROM C WHERE " + condition).where().orElseThrow();
  }

  @Test
  void selectStar() throws WqlSyntaxException {
    WqlQuery query = WqlParser.parse("SELECT * FROM Win32_Process");
    assertThat(query.selectsAll()).isTrue();
    assertThat(query.className()).isEqualTo("Win32_Process");
    assertThat(query.classPosition()).isEqualTo(15);
    assertThat(query.where()).isEmpty();
    assertThat(query.within()).isEmpty();
  }

  @Test
  void selectListKeepsNamesAndPositions() throws WqlSyntaxException {
    WqlQuery query = WqlParser.parse("select Name, ProcessId from Win32_Process");
    assertThat(query.selected().orElseThrow())
        .containsExactly(
            new WqlQuery.SelectedProperty("Name", 8),
            new WqlQuery.SelectedProperty("ProcessId", 14))
        .inOrder();
  }

  @Test
  void keywordsIgnoreCase() throws WqlSyntaxException {
    WqlQuery query = WqlParser.parse("sElEcT * FrOm x WhErE a = 1 aNd NoT b iS nUlL");
    assertThat(query.where().orElseThrow().toString()).isEqualTo("((a = 1) AND (NOT (b IS NULL)))");
  }

  @Test
  void withinAndWhere() throws WqlSyntaxException {
    WqlQuery query =
        WqlParser.parse(
            "SELECT * FROM __InstanceCreationEvent WITHIN 2.5 WHERE TargetInstance ISA"
                + " \"Win32_Process\"");
    assertThat(query.within()).hasValue(2.5);
    Condition.Isa isa = (Condition.Isa) query.where().orElseThrow();
    assertThat(((PropertyPath) isa.operand()).segments()).containsExactly("TargetInstance");
    assertThat(isa.className()).isEqualTo("Win32_Process");
  }

  @Test
  void andBindsTighterThanOr() throws WqlSyntaxException {
    assertThat(where("a = 1 OR b = 2 AND c = 3").toString())
        .isEqualTo("((a = 1) OR ((b = 2) AND (c = 3)))");
  }

  @Test
  void notBindsTighterThanAnd() throws WqlSyntaxException {
    assertThat(where("NOT a = 1 AND b = 2").toString()).isEqualTo("((NOT (a = 1)) AND (b = 2))");
  }

  @Test
  void parenthesesOverridePrecedence() throws WqlSyntaxException {
    assertThat(where("(a = 1 OR b = 2) AND c = 3").toString())
        .isEqualTo("(((a = 1) OR (b = 2)) AND (c = 3))");
  }

  @Test
  void andOrAreLeftAssociative() throws WqlSyntaxException {
    assertThat(where("a = 1 OR b = 2 OR c = 3").toString())
        .isEqualTo("(((a = 1) OR (b = 2)) OR (c = 3))");
  }

  @Test
  void everyComparisonOperator() throws WqlSyntaxException {
    for (String symbol : List.of("=", "<>", "!=", "<", ">", "<=", ">=")) {
      Condition.Comparison comparison = (Condition.Comparison) where("x " + symbol + " 5");
      assertThat(comparison.operator()).isEqualTo(ComparisonOperator.fromSymbol(symbol));
    }
    assertThat(((Condition.Comparison) where("x != 5")).operator())
        .isEqualTo(ComparisonOperator.NOT_EQUAL);
  }

  @Test
  void literals() throws WqlSyntaxException {
    assertThat(rightLiteral("x = 'single'")).isEqualTo("single");
    assertThat(rightLiteral("x = \"double\"")).isEqualTo("double");
    assertThat(rightLiteral("x = 'it\\'s'")).isEqualTo("it's");
    assertThat(rightLiteral("x = 'C:\\\\Windows'")).isEqualTo("C:\\Windows");
    assertThat(rightLiteral("x = 42")).isEqualTo(42L);
    assertThat(rightLiteral("x = -42")).isEqualTo(-42L);
    assertThat(rightLiteral("x = 1.5")).isEqualTo(1.5);
    assertThat(rightLiteral("x = 2e3")).isEqualTo(2000.0);
    assertThat(rightLiteral("x = -0.25")).isEqualTo(-0.25);
    assertThat(rightLiteral("x = TRUE")).isEqualTo(true);
    assertThat(rightLiteral("x = false")).isEqualTo(false);
    assertThat(rightLiteral("x = NULL")).isNull();
  }

  private static Object rightLiteral(String condition) throws WqlSyntaxException {
    return ((Literal) ((Condition.Comparison) where(condition)).right()).value();
  }

  @Test
  void literalMayComeFirst() throws WqlSyntaxException {
    Condition.Comparison comparison = (Condition.Comparison) where("5 < x");
    assertThat(comparison.left()).isInstanceOf(Literal.class);
    assertThat(comparison.right()).isInstanceOf(PropertyPath.class);
  }

  @Test
  void dottedPaths() throws WqlSyntaxException {
    Condition.Comparison comparison = (Condition.Comparison) where("TargetInstance.Name = 'x'");
    assertThat(((PropertyPath) comparison.left()).segments())
        .containsExactly("TargetInstance", "Name")
        .inOrder();
  }

  @Test
  void nullTestsLikeAndIsa() throws WqlSyntaxException {
    assertThat(where("a IS NULL")).isEqualTo(new Condition.NullTest(path("a", 23), false));
    assertThat(where("a IS NOT NULL")).isEqualTo(new Condition.NullTest(path("a", 23), true));
    Condition.Like like = (Condition.Like) where("Name LIKE 'svc%'");
    assertThat(like.negated()).isFalse();
    assertThat(like.pattern().source()).isEqualTo("svc%");
    assertThat(((Condition.Like) where("Name NOT LIKE 'svc%'")).negated()).isTrue();
    assertThat(((Condition.Isa) where("__this ISA Win32_Service")).className())
        .isEqualTo("Win32_Service");
  }

  private static PropertyPath path(String name, int position) {
    return new PropertyPath(List.of(name), position);
  }

  @Test
  void errorsSayWhere() {
    assertError("SELECT * FORM Win32_Process", "expected FROM but found 'FORM' at position 10");
    assertError("SELECT FROM x", "expected a property name or '*' but found 'FROM' at position 8");
    assertError("SELECT * FROM", "expected a class name but found end of query at position 14");
    assertError(
        "SELECT * FROM x WHERE",
        "expected a property name or a literal but found end of query at position 22");
    assertError(
        "SELECT * FROM x WHERE a = ",
        "expected a property name or a literal but found end of query at position 27");
    assertError(
        "SELECT * FROM x WHERE a",
        "expected a comparison operator, IS, LIKE or ISA but found end of query at position 24");
    assertError(
        "SELECT * FROM x WHERE (a = 1", "expected ')' but found end of query at position 29");
    assertError(
        "SELECT * FROM x WHERE a = 1 b = 2",
        "expected AND, OR or end of query but found 'b' at position 29");
    assertError("SELECT * FROM x y", "expected WHERE or end of query but found 'y' at position 17");
    assertError("SELECT * FROM x WHERE a = 'open", "unterminated string at position 27");
    assertError("SELECT * FROM x WHERE a ! 1", "'!' must be followed by '=' at position 25");
    assertError("SELECT * FROM x WHERE a = #", "unexpected character '#' at position 27");
    assertError(
        "SELECT * FROM x WHERE a IS 5", "expected NULL after IS but found '5' at position 28");
    assertError(
        "SELECT * FROM x WHERE a LIKE 5",
        "expected a string pattern after LIKE but found '5' at position 30");
    assertError(
        "SELECT * FROM x WHERE a LIKE '[ab'", "unclosed '[' in LIKE pattern '[ab' at position 30");
    assertError(
        "SELECT * FROM x WITHIN 0", "WITHIN needs a positive number of seconds at position 24");
    assertError(
        "SELECT * FROM x WITHIN soon",
        "expected a number of seconds after WITHIN but found 'soon' at position 24");
    assertError(
        "SELECT * FROM x WHERE a = 99999999999999999999",
        "integer 99999999999999999999 is out of range at position 27");
    assertError("SELECT * FROM x GROUP WITHIN 5", "GROUP is not supported at position 17");
    assertError("   ", "empty query at position 1");
    assertError("UPDATE x", "expected SELECT but found 'UPDATE' at position 1");
  }

  private static void assertError(String query, String message) {
    WqlSyntaxException e = assertThrows(WqlSyntaxException.class, () -> WqlParser.parse(query));
    assertThat(e).hasMessageThat().isEqualTo(message);
  }

  @Test
  void errorPositionIsAvailableOnItsOwn() {
    WqlSyntaxException e =
        assertThrows(WqlSyntaxException.class, () -> WqlParser.parse("SELECT * FROM x WHERE a <"));
    assertThat(e.position()).isEqualTo(26);
    assertThat(e.problem()).startsWith("expected a property name or a literal");
  }
}
