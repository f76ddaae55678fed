package io.miguard.robustness.generated;

/**
 * Java source written line by line, with the indentation of the nesting and the number of every
 * line written, so that a generator knows where each close and each method lands.
 */
final class SourceBuilder {
  private final StringBuilder text = new StringBuilder();
  private int lines;
  private int depth;

  /** Writes {@code code} on a line of its own and returns that line's number (from 1). */
  int line(String code) {
    text.append("  ".repeat(depth)).append(code).append('\n');
    return ++lines;
  }

  /** Writes {@code code} and indents what follows by one level (an opening brace). */
  int open(String code) {
    int line = line(code);
    depth++;
    return line;
  }

  /** Ends one level of indentation and writes {@code code} (a closing brace). */
  int close(String code) {
    depth--;
    return line(code);
  }

  /** Writes {@code code} at the enclosing level and goes on one level deeper ({@code } else {}). */
  int reopen(String code) {
    depth--;
    int line = line(code);
    depth++;
    return line;
  }

  /** One level deeper without writing a line (the body of a multi-line header). */
  void indent() {
    depth++;
  }

  /** Back one level without writing a line. */
  void dedent() {
    depth--;
  }

  /** The number of the last line written (0 before the first). */
  int lastLine() {
    return lines;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
