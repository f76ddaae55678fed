package io.miguard.checker;

/**
 * The flag miguard's tests compile with: a failure inside miguard fails the test instead of
 * becoming a warning that a test of findings might not notice.
 */
final class FailFast {
  private FailFast() {}

  static final String FLAG = "-XepOpt:Miguard:FailFast=true";
}
