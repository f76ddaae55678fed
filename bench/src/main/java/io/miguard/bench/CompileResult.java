package io.miguard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a worker measured for one compilation; travels back as one tab-separated line.
 *
 * @param wallNanos the whole compilation, file manager included
 * @param cpuNanos CPU time of the whole worker process during the compilation (every thread: javac,
 *     the JIT compilers, the garbage collector)
 * @param processCpuNanos CPU time of the worker process from its start to the end of this
 *     compilation (for a fresh process: JVM start-up, class loading and JIT warm-up included)
 * @param errorProneNanos time inside every Error Prone check (Error Prone's own per-check timers),
 *     0 without Error Prone
 * @param miguardNanos time inside the miguard checks alone (their timers), 0 without them
 * @param errors javac errors: a benchmark compilation must have none
 * @param firstError the first error's text, for the failure message
 * @param findings the miguard diagnostics as {@code CheckName:File.java:line}
 */
record CompileResult(
    long wallNanos,
    long cpuNanos,
    long processCpuNanos,
    long errorProneNanos,
    long miguardNanos,
    int errors,
    String firstError,
    List<String> findings) {

  private static final String FIELD = "\t";
  private static final String FINDING = "|";

  String encode() {
    return String.join(
        FIELD,
        Long.toString(wallNanos),
        Long.toString(cpuNanos),
        Long.toString(processCpuNanos),
        Long.toString(errorProneNanos),
        Long.toString(miguardNanos),
        Integer.toString(errors),
        firstError.replaceAll("[\\t\\r\\n|]+", " ") + " ",
        String.join(FINDING, findings) + " ");
  }

  static CompileResult decode(String line) {
    String[] fields = line.split(FIELD, -1);
    if (fields.length != 8) {
      throw new IllegalArgumentException("not a compile result: " + line);
    }
    String findings = fields[7].strip();
    return new CompileResult(
        Long.parseLong(fields[0]),
        Long.parseLong(fields[1]),
        Long.parseLong(fields[2]),
        Long.parseLong(fields[3]),
        Long.parseLong(fields[4]),
        Integer.parseInt(fields[5]),
        fields[6].strip(),
        findings.isEmpty()
            ? List.of()
            : new ArrayList<>(Arrays.asList(findings.split("\\" + FINDING))));
  }
}
