package io.miguard.mi.embedded.wql;

import java.util.regex.Pattern;

/**
 * A WQL {@code LIKE} pattern: {@code %} matches any run of characters (also none), {@code _} any
 * one character, {@code [abc]} or {@code [a-f]} one character of a set, {@code [^abc]} one
 * character outside it; {@code [%]}, {@code [_]} and {@code [[]} match the wildcard characters
 * themselves. Matching ignores case, as WMI's string comparisons do.
 */
public final class LikePattern {
  private final String source;
  private final Pattern regex;

  private LikePattern(String source, Pattern regex) {
    this.source = source;
    this.regex = regex;
  }

  /**
   * Compiles a pattern.
   *
   * @param source the pattern, as the string literal's value
   * @param position the 1-based position of the literal in the query, for error messages
   * @throws WqlSyntaxException if a {@code [} set is not closed or is empty
   */
  public static LikePattern compile(String source, int position) throws WqlSyntaxException {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      switch (c) {
        case '%' -> regex.append(".*");
        case '_' -> regex.append('.');
        case '[' -> i = appendSet(source, i, regex, position);
        default -> regex.append(literal(c));
      }
      i++;
    }
    return new LikePattern(
        source,
        Pattern.compile(
            regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL));
  }

  /** Appends the set that opens at {@code open}; returns the index of its closing bracket. */
  private static int appendSet(String source, int open, StringBuilder regex, int position)
      throws WqlSyntaxException {
    int i = open + 1;
    boolean negated = i < source.length() && source.charAt(i) == '^';
    if (negated) {
      i++;
    }
    StringBuilder members = new StringBuilder();
    // A ']' right after '[' or '[^' is a member, not the end (as in SQL Server, which WQL follows).
    boolean first = true;
    while (i < source.length() && (source.charAt(i) != ']' || first)) {
      char from = source.charAt(i);
      if (i + 2 < source.length() && source.charAt(i + 1) == '-' && source.charAt(i + 2) != ']') {
        char to = source.charAt(i + 2);
        if (to < from) {
          throw new WqlSyntaxException(
              "invalid range '" + from + "-" + to + "' in LIKE pattern", position);
        }
        members.append(literal(from)).append('-').append(literal(to));
        i += 3;
      } else {
        members.append(literal(from));
        i++;
      }
      first = false;
    }
    if (i >= source.length()) {
      throw new WqlSyntaxException("unclosed '[' in LIKE pattern '" + source + "'", position);
    }
    regex.append('[').append(negated ? "^" : "").append(members).append(']');
    return i;
  }

  private static String literal(char c) {
    return String.format("\\x{%x}", (int) c);
  }

  /** Whether {@code value} matches the whole pattern. */
  public boolean matches(String value) {
    return regex.matcher(value).matches();
  }

  /** The pattern as written. */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "'" + source + "'";
  }
}
