package io.miguard.robustness.generated;

import java.util.List;
import java.util.Set;

/**
 * One generated compilation unit and what its generator knows about it.
 *
 * @param className the simple name of its top-level class (package {@code gen})
 * @param source the Java source
 * @param seed the seed it was generated from (reproduces it with the same generator)
 * @param units the bodies the generator wrote, each with its lines and closes
 */
record GeneratedProgram(String className, String source, long seed, List<Unit> units) {

  /** The file name javac reports. */
  String fileName() {
    return className + ".java";
  }

  /**
   * A generated method (or other body holder) and its closes.
   *
   * @param name the method's name, for messages
   * @param firstLine the line of its declaration
   * @param lastLine the line of its closing brace
   * @param closeLines the lines of every close of an operation in it (explicit calls, method
   *     references, try-with-resources declarations of an operation): the only lines a finding may
   *     be on
   * @param expected the findings ("Check File.java:line") that must be reported in it exactly, or
   *     null when the generator does not know its ground truth
   */
  record Unit(
      String name, int firstLine, int lastLine, Set<Integer> closeLines, Set<String> expected) {

    boolean contains(long line) {
      return line >= firstLine && line <= lastLine;
    }

    boolean truthKnown() {
      return expected != null;
    }
  }

  /** The number of lines of the source. */
  long lineCount() {
    return source.chars().filter(ch -> ch == '\n').count();
  }

  /** The key a finding is compared by: "Check File.java:line". */
  static String key(String check, String file, long line) {
    return check + " " + file + ":" + line;
  }
}
