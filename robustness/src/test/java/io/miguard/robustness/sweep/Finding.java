package io.miguard.robustness.sweep;

/**
 * A diagnostic of a miguard check in a sweep compilation.
 *
 * @param check the check's name
 * @param file the source file's name
 * @param path the source file's absolute path
 * @param line the line it is reported on
 * @param message the full message, for the failure report
 */
record Finding(String check, String file, java.nio.file.Path path, long line, String message) {

  /** "Check File.java:line": what the canary's markers are compared by. */
  String key() {
    return check + " " + file + ":" + line;
  }
}
