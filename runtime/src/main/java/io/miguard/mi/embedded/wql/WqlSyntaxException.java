package io.miguard.mi.embedded.wql;

/**
 * A WQL query that cannot be parsed, or that names something that does not exist. The message says
 * where: it ends with {@code at position N} (1-based, counted in characters of the query text).
 */
public final class WqlSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int position;
  private final String problem;

  /**
   * @param problem what is wrong, without the position
   * @param position the 1-based position of the offending character
   */
  public WqlSyntaxException(String problem, int position) {
    super(problem + " at position " + position);
    this.problem = problem;
    this.position = position;
  }

  /** The 1-based position in the query text where the problem is. */
  public int position() {
    return position;
  }

  /** What is wrong, without the position. */
  public String problem() {
    return problem;
  }
}
