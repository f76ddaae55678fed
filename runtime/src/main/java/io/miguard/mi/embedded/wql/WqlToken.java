package io.miguard.mi.embedded.wql;

/**
 * One token of a WQL query.
 *
 * @param type what kind of token
 * @param text the token's text: the identifier or keyword as written, a string literal's value
 *     without quotes and escapes, a number's digits, an operator's symbol
 * @param position the 1-based position of the token's first character in the query
 */
public record WqlToken(Type type, String text, int position) {
  /** The kinds of token. */
  public enum Type {
    /** A name (class, property, keyword: keywords are recognised by the parser, ignoring case). */
    IDENTIFIER,
    /** A quoted string. */
    STRING,
    /** An integer literal. */
    INTEGER,
    /** A real literal ({@code 1.5}, {@code 2e3}). */
    REAL,
    /** {@code *}. */
    STAR,
    /** {@code ,}. */
    COMMA,
    /** {@code .}. */
    DOT,
    /** {@code (}. */
    LEFT_PAREN,
    /** {@code )}. */
    RIGHT_PAREN,
    /** {@code -} (only before a number). */
    MINUS,
    /** A comparison operator: {@code = <> != < > <= >=}. */
    COMPARISON,
    /** The end of the query. */
    END
  }

  /** Whether this token is the given keyword (ignoring case). */
  public boolean isKeyword(String keyword) {
    return type == Type.IDENTIFIER && text.equalsIgnoreCase(keyword);
  }

  /** How the token reads in an error message. */
  public String describe() {
    return switch (type) {
      case END -> "end of query";
      case STRING -> "string '" + text + "'";
      default -> "'" + text + "'";
    };
  }
}
