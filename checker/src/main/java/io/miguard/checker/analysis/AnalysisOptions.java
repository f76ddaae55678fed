package io.miguard.checker.analysis;

/**
 * Options that change what the analysis computes, so that analyses with different options are
 * cached apart.
 *
 * @param exceptionalPaths whether paths on which an uncaught exception unwinds through a close
 *     count like normal paths (otherwise they are dominated by normal paths at joins and marked
 *     {@linkplain ClosePath#exceptional() exceptional})
 */
public record AnalysisOptions(boolean exceptionalPaths) {
  /** The options both checks use unless told otherwise. */
  public static final AnalysisOptions DEFAULT = new AnalysisOptions(false);
}
