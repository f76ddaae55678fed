package io.miguard.checker.sarif;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One finding as SARIF describes it.
 *
 * @param ruleId the check's name
 * @param level {@code error}, {@code warning} or {@code note}
 * @param location where the finding is reported
 * @param related the other places it refers to
 * @param fixes the suggested fixes, as replacements in the finding's file
 */
record SarifResult(
    String ruleId,
    String level,
    String message,
    Location location,
    List<Location> related,
    List<SarifFix> fixes) {

  /** A region of a source file, with an optional message (for a related location). */
  record Location(String uri, Region region, @Nullable String message) {}

  /**
   * A region of a file: 1-based lines and columns (columns count UTF-16 code units, as javac's
   * positions do), the end column being the column just after the region, and the same region as a
   * character offset and length.
   */
  record Region(
      int startLine, int startColumn, int endLine, int endColumn, int charOffset, int charLength) {}

  /** A suggested fix: replacements of regions of the finding's file. */
  record SarifFix(String description, String uri, List<Replacement> replacements) {}

  /** Replaces {@code deleted} (empty for an insertion) by {@code inserted}. */
  record Replacement(Region deleted, String inserted) {}
}
