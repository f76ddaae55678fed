package io.miguard.mi.embedded.wql;

import io.miguard.mi.embedded.wql.Operand.Literal;
import io.miguard.mi.embedded.wql.Operand.PropertyPath;
import io.miguard.mi.embedded.wql.WqlQuery.SelectedProperty;
import io.miguard.mi.embedded.wql.WqlToken.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A recursive-descent parser of the WQL subset. Keywords ignore case. The grammar:
 *
 * <pre>
 * query      := SELECT ( '*' | name (',' name)* ) FROM name [WITHIN number] [WHERE or] END
 * or         := and (OR and)*
 * and        := not (AND not)*
 * not        := NOT not | primary
 * primary    := '(' or ')' | predicate
 * predicate  := operand ( compare operand | IS [NOT] NULL | [NOT] LIKE string | ISA class )
 * operand    := path | literal
 * path       := name ('.' name)*
 * literal    := string | ['-'] integer | ['-'] real | TRUE | FALSE | NULL
 * class      := string | name
 * </pre>
 *
 * <p>{@code NOT} binds tighter than {@code AND}, which binds tighter than {@code OR}.
 */
public final class WqlParser {
  private static final Set<String> RESERVED =
      Set.of(
          "select", "from", "where", "within", "and", "or", "not", "like", "isa", "is", "null",
          "true", "false", "group", "having", "by");

  private final List<WqlToken> tokens;
  private int index;

  private WqlParser(List<WqlToken> tokens) {
    this.tokens = tokens;
  }

  /** Parses a whole query. */
  public static WqlQuery parse(@Nullable String text) throws WqlSyntaxException {
    if (text == null || text.isBlank()) {
      throw new WqlSyntaxException("empty query", 1);
    }
    return new WqlParser(WqlLexer.tokenize(text)).query();
  }

  private WqlQuery query() throws WqlSyntaxException {
    expectKeyword("SELECT");
    Optional<List<SelectedProperty>> selected;
    if (peek().type() == Type.STAR) {
      advance();
      selected = Optional.empty();
    } else {
      List<SelectedProperty> names = new ArrayList<>();
      do {
        WqlToken name = expectName("a property name or '*'");
        names.add(new SelectedProperty(name.text(), name.position()));
      } while (acceptType(Type.COMMA));
      selected = Optional.of(names);
    }
    expectKeyword("FROM");
    WqlToken className = expectName("a class name");
    Optional<Double> within = Optional.empty();
    if (acceptKeyword("WITHIN")) {
      within = Optional.of(within());
    }
    Optional<Condition> where = Optional.empty();
    if (acceptKeyword("WHERE")) {
      where = Optional.of(or());
    }
    WqlToken end = peek();
    if (end.isKeyword("GROUP") || end.isKeyword("HAVING")) {
      throw new WqlSyntaxException(
          end.text().toUpperCase(java.util.Locale.ROOT) + " is not supported", end.position());
    }
    if (end.type() != Type.END) {
      throw unexpected(
          end, where.isPresent() ? "AND, OR or end of query" : "WHERE or end of query");
    }
    return new WqlQuery(selected, className.text(), className.position(), within, where);
  }

  private double within() throws WqlSyntaxException {
    WqlToken number = advance();
    if (number.type() != Type.INTEGER && number.type() != Type.REAL) {
      throw unexpected(number, "a number of seconds after WITHIN");
    }
    double seconds = Double.parseDouble(number.text());
    if (seconds <= 0) {
      throw new WqlSyntaxException("WITHIN needs a positive number of seconds", number.position());
    }
    return seconds;
  }

  private Condition or() throws WqlSyntaxException {
    Condition condition = and();
    while (acceptKeyword("OR")) {
      condition = new Condition.Or(condition, and());
    }
    return condition;
  }

  private Condition and() throws WqlSyntaxException {
    Condition condition = not();
    while (acceptKeyword("AND")) {
      condition = new Condition.And(condition, not());
    }
    return condition;
  }

  private Condition not() throws WqlSyntaxException {
    if (acceptKeyword("NOT")) {
      return new Condition.Not(not());
    }
    if (acceptType(Type.LEFT_PAREN)) {
      Condition inner = or();
      WqlToken close = advance();
      if (close.type() != Type.RIGHT_PAREN) {
        throw unexpected(close, "')'");
      }
      return inner;
    }
    return predicate();
  }

  private Condition predicate() throws WqlSyntaxException {
    Operand left = operand();
    WqlToken next = peek();
    if (next.type() == Type.COMPARISON) {
      advance();
      return new Condition.Comparison(left, ComparisonOperator.fromSymbol(next.text()), operand());
    }
    if (acceptKeyword("IS")) {
      boolean negated = acceptKeyword("NOT");
      WqlToken nullToken = advance();
      if (!nullToken.isKeyword("NULL")) {
        throw unexpected(nullToken, "NULL after IS" + (negated ? " NOT" : ""));
      }
      return new Condition.NullTest(left, negated);
    }
    boolean negatedLike = false;
    if (next.isKeyword("NOT") && peekAt(1).isKeyword("LIKE")) {
      advance();
      negatedLike = true;
    }
    if (acceptKeyword("LIKE")) {
      WqlToken pattern = advance();
      if (pattern.type() != Type.STRING) {
        throw unexpected(pattern, "a string pattern after LIKE");
      }
      return new Condition.Like(
          left, LikePattern.compile(pattern.text(), pattern.position()), negatedLike);
    }
    if (acceptKeyword("ISA")) {
      WqlToken className = advance();
      if (className.type() != Type.STRING
          && !(className.type() == Type.IDENTIFIER && !isReserved(className))) {
        throw unexpected(className, "a class name after ISA");
      }
      return new Condition.Isa(left, className.text(), className.position());
    }
    throw unexpected(next, "a comparison operator, IS, LIKE or ISA");
  }

  private Operand operand() throws WqlSyntaxException {
    WqlToken token = advance();
    switch (token.type()) {
      case STRING:
        return new Literal(token.text(), token.position());
      case INTEGER:
      case REAL:
        return number(token, false, token.position());
      case MINUS:
        WqlToken digits = advance();
        if (digits.type() != Type.INTEGER && digits.type() != Type.REAL) {
          throw unexpected(digits, "a number after '-'");
        }
        return number(digits, true, token.position());
      case IDENTIFIER:
        if (token.isKeyword("TRUE") || token.isKeyword("FALSE")) {
          return new Literal(token.isKeyword("TRUE"), token.position());
        }
        if (token.isKeyword("NULL")) {
          return new Literal(null, token.position());
        }
        if (isReserved(token)) {
          throw unexpected(token, "a property name or a literal");
        }
        List<String> segments = new ArrayList<>();
        segments.add(token.text());
        while (acceptType(Type.DOT)) {
          segments.add(expectName("a property name after '.'").text());
        }
        return new PropertyPath(segments, token.position());
      default:
        throw unexpected(token, "a property name or a literal");
    }
  }

  private static Literal number(WqlToken token, boolean negative, int position)
      throws WqlSyntaxException {
    String text = negative ? "-" + token.text() : token.text();
    if (token.type() == Type.REAL) {
      return new Literal(Double.parseDouble(text), position);
    }
    try {
      return new Literal(Long.parseLong(text), position);
    } catch (NumberFormatException e) {
      throw new WqlSyntaxException("integer " + text + " is out of range", position);
    }
  }

  // ---- token helpers ----

  private WqlToken peek() {
    return tokens.get(index);
  }

  private WqlToken peekAt(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  private WqlToken advance() {
    WqlToken token = tokens.get(index);
    if (token.type() != Type.END) {
      index++;
    }
    return token;
  }

  private boolean acceptKeyword(String keyword) {
    if (peek().isKeyword(keyword)) {
      index++;
      return true;
    }
    return false;
  }

  private boolean acceptType(Type type) {
    if (peek().type() == type) {
      index++;
      return true;
    }
    return false;
  }

  private void expectKeyword(String keyword) throws WqlSyntaxException {
    WqlToken token = advance();
    if (!token.isKeyword(keyword)) {
      throw unexpected(token, keyword);
    }
  }

  private WqlToken expectName(String what) throws WqlSyntaxException {
    WqlToken token = advance();
    if (token.type() != Type.IDENTIFIER || isReserved(token)) {
      throw unexpected(token, what);
    }
    return token;
  }

  private static boolean isReserved(WqlToken token) {
    return RESERVED.contains(token.text().toLowerCase(java.util.Locale.ROOT));
  }

  private static WqlSyntaxException unexpected(WqlToken token, String expected) {
    return new WqlSyntaxException(
        "expected " + expected + " but found " + token.describe(), token.position());
  }
}
