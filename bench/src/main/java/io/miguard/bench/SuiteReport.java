package io.miguard.bench;

import java.util.List;

/**
 * What one suite of the benchmark prints, and its verdicts for the report's closing section.
 *
 * @param text the suite's tables and verdict lines, Markdown
 * @param verdicts the targets the suite judged
 */
record SuiteReport(String text, List<Verdict> verdicts) {}
