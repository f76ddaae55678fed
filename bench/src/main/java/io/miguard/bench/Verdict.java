package io.miguard.bench;

/**
 * One performance target judged against one run's figures.
 *
 * @param target what must hold, e.g. {@code MI-heavy, warm: inside the checks ≤ 5% at every size}
 * @param measured the figures it was judged on
 * @param holds whether they meet it
 */
record Verdict(String target, String measured, boolean holds) {
  /** One line of the report: {@code - target: measured: holds}. */
  String line() {
    return "- " + target + ": " + measured + ": " + (holds ? "holds" : "MISSED");
  }
}
