package io.miguard.mi.embedded.wql;

import io.miguard.mi.embedded.wql.WqlToken.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a WQL query into tokens. Strings are quoted with {@code '} or {@code "}; inside them a
 * backslash escapes the next character ({@code 'C:\\\\Windows'} is {@code C:\Windows}, as WMI
 * requires). Whitespace separates tokens and is otherwise ignored.
 */
public final class WqlLexer {
  private final String text;
  private int index;

  private WqlLexer(String text) {
    this.text = text;
  }

  /** The tokens of {@code text}, ending with one {@link Type#END} token. */
  public static List<WqlToken> tokenize(String text) throws WqlSyntaxException {
    return new WqlLexer(text).run();
  }

  private List<WqlToken> run() throws WqlSyntaxException {
    List<WqlToken> tokens = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (index >= text.length()) {
        tokens.add(new WqlToken(Type.END, "", index + 1));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipWhitespace() {
    while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
      index++;
    }
  }

  private WqlToken next() throws WqlSyntaxException {
    int start = index;
    char c = text.charAt(index);
    if (Character.isLetter(c) || c == '_') {
      while (index < text.length()
          && (Character.isLetterOrDigit(text.charAt(index)) || text.charAt(index) == '_')) {
        index++;
      }
      return token(Type.IDENTIFIER, text.substring(start, index), start);
    }
    if (Character.isDigit(c)) {
      return number(start);
    }
    if (c == '\'' || c == '"') {
      return string(start, c);
    }
    index++;
    switch (c) {
      case '*':
        return token(Type.STAR, "*", start);
      case ',':
        return token(Type.COMMA, ",", start);
      case '.':
        return token(Type.DOT, ".", start);
      case '(':
        return token(Type.LEFT_PAREN, "(", start);
      case ')':
        return token(Type.RIGHT_PAREN, ")", start);
      case '-':
        return token(Type.MINUS, "-", start);
      case '=':
        return token(Type.COMPARISON, "=", start);
      case '!':
        if (consume('=')) {
          return token(Type.COMPARISON, "!=", start);
        }
        throw new WqlSyntaxException("'!' must be followed by '='", start + 1);
      case '<':
        if (consume('>')) {
          return token(Type.COMPARISON, "<>", start);
        }
        return token(Type.COMPARISON, consume('=') ? "<=" : "<", start);
      case '>':
        return token(Type.COMPARISON, consume('=') ? ">=" : ">", start);
      default:
        throw new WqlSyntaxException("unexpected character '" + c + "'", start + 1);
    }
  }

  private boolean consume(char expected) {
    if (index < text.length() && text.charAt(index) == expected) {
      index++;
      return true;
    }
    return false;
  }

  private WqlToken number(int start) throws WqlSyntaxException {
    boolean real = false;
    skipDigits();
    if (index + 1 < text.length()
        && text.charAt(index) == '.'
        && Character.isDigit(text.charAt(index + 1))) {
      real = true;
      index++;
      skipDigits();
    }
    if (index < text.length() && (text.charAt(index) == 'e' || text.charAt(index) == 'E')) {
      int exponent = index;
      index++;
      if (index < text.length() && (text.charAt(index) == '+' || text.charAt(index) == '-')) {
        index++;
      }
      if (index >= text.length() || !Character.isDigit(text.charAt(index))) {
        throw new WqlSyntaxException("malformed exponent in number", exponent + 1);
      }
      real = true;
      skipDigits();
    }
    if (index < text.length()
        && (Character.isLetter(text.charAt(index)) || text.charAt(index) == '_')) {
      throw new WqlSyntaxException(
          "unexpected character '" + text.charAt(index) + "' in number", index + 1);
    }
    return token(real ? Type.REAL : Type.INTEGER, text.substring(start, index), start);
  }

  private void skipDigits() {
    while (index < text.length() && Character.isDigit(text.charAt(index))) {
      index++;
    }
  }

  private WqlToken string(int start, char quote) throws WqlSyntaxException {
    StringBuilder value = new StringBuilder();
    index++;
    while (index < text.length()) {
      char c = text.charAt(index++);
      if (c == quote) {
        return token(Type.STRING, value.toString(), start);
      }
      if (c == '\\') {
        if (index >= text.length()) {
          break;
        }
        c = text.charAt(index++);
      }
      value.append(c);
    }
    throw new WqlSyntaxException("unterminated string", start + 1);
  }

  private static WqlToken token(Type type, String text, int zeroBasedStart) {
    return new WqlToken(type, text, zeroBasedStart + 1);
  }
}
