package io.miguard.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The three ways every benchmark compiles the same code. Each runs in its own worker JVM whose
 * class path holds only what that build would load: javac alone; Error Prone without any plugin;
 * Error Prone with the miguard plugin.
 */
enum Configuration {
  JAVAC("javac"),
  ERROR_PRONE("javac + Error Prone"),
  ERROR_PRONE_MIGUARD("javac + Error Prone + miguard");

  private final String label;

  Configuration(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  boolean runsErrorProne() {
    return this != JAVAC;
  }

  boolean loadsMiguard() {
    return this == ERROR_PRONE_MIGUARD;
  }

  /**
   * The javac options of this configuration, in front of the common ones. Plain javac keeps its own
   * defaults (a build without Error Prone has no reason to change its compile policy). Both Error
   * Prone builds run Error Prone's default checks, demoted to warnings so that an ERROR finding
   * (miguard's, in the faulty generated code) never stops javac before code generation and makes a
   * build look faster than it is.
   */
  List<String> options(String errorProneJdkFlag) {
    List<String> options = new ArrayList<>();
    if (runsErrorProne()) {
      options.add("-XDcompilePolicy=simple");
      options.add("--should-stop=ifError=FLOW");
      options.add(errorProneJdkFlag);
      options.add("-Xplugin:ErrorProne -XepAllErrorsAsWarnings" + Timings.recordingFlags());
      // Error Prone looks for plugin checks only when a processor path is set; the worker
      // answers for it with its own class loader, so the path itself is never read.
      options.add("-processorpath");
      options.add(System.getProperty("java.io.tmpdir"));
    }
    return options;
  }
}
