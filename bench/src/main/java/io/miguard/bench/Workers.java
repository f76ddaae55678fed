package io.miguard.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One warm worker JVM per {@link Configuration}, and the javac options every benchmark shares: the
 * same release, encoding and class path for all three, class files written as a build would.
 */
final class Workers implements AutoCloseable {
  private final Map<Configuration, WorkerProcess> workers = new EnumMap<>(Configuration.class);
  private final Map<Configuration, Path> outputs = new EnumMap<>(Configuration.class);
  private final List<String> jvmArgs;
  private final String errorProneJdkFlag;

  private Workers(List<String> jvmArgs, String errorProneJdkFlag) {
    this.jvmArgs = List.copyOf(jvmArgs);
    this.errorProneJdkFlag = errorProneJdkFlag;
  }

  /**
   * A compilation in a JVM started for it alone, as a CI build's first module pays it.
   *
   * @param processWallNanos from starting the JVM to its exit
   * @param result what the compilation measured inside the JVM
   */
  record ColdCompile(long processWallNanos, CompileResult result) {}

  static Workers start(List<String> jvmArgs, String errorProneJdkFlag) throws IOException {
    Workers started = new Workers(jvmArgs, errorProneJdkFlag);
    try {
      for (Configuration configuration : Configuration.values()) {
        started.workers.put(configuration, WorkerProcess.start(configuration, jvmArgs));
        started.outputs.put(configuration, Files.createTempDirectory("miguard-bench-classes"));
      }
    } catch (IOException | RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** Compiles {@code sources} in the worker of {@code configuration}; fails on any javac error. */
  CompileResult compile(Configuration configuration, List<Path> sources, List<String> classPath)
      throws IOException {
    return checked(
        configuration,
        workers.get(configuration).compile(request(configuration, sources, classPath)));
  }

  /**
   * Compiles {@code sources} in a fresh JVM of {@code configuration}'s class path that exits after
   * it (a fresh javac process: Error Prone and miguard loaded, and their code run, from cold).
   */
  ColdCompile compileInFreshProcess(
      Configuration configuration, List<Path> sources, List<String> classPath) throws IOException {
    CompileRequest request = request(configuration, sources, classPath);
    long start = System.nanoTime();
    CompileResult result;
    try (WorkerProcess process = WorkerProcess.start(configuration, jvmArgs)) {
      result = process.compile(request);
    }
    long wallNanos = System.nanoTime() - start;
    return new ColdCompile(wallNanos, checked(configuration, result));
  }

  private CompileRequest request(
      Configuration configuration, List<Path> sources, List<String> classPath) {
    return new CompileRequest(
        options(configuration, errorProneJdkFlag, outputs.get(configuration), classPath), sources);
  }

  /** The javac options of a benchmark compilation: the configuration's, then the common ones. */
  static List<String> options(
      Configuration configuration, String errorProneJdkFlag, Path output, List<String> classPath) {
    List<String> options = new ArrayList<>(configuration.options(errorProneJdkFlag));
    options.addAll(
        List.of(
            "--release",
            "17",
            "-encoding",
            "UTF-8",
            "-proc:none",
            "-implicit:none",
            // javac drops warnings after the 100th; every miguard finding must come back.
            "-Xmaxwarns",
            "1000000",
            "-d",
            output.toString(),
            "-classpath",
            String.join(File.pathSeparator, classPath)));
    return options;
  }

  private static CompileResult checked(Configuration configuration, CompileResult result) {
    if (result.errors() > 0) {
      throw new IllegalStateException(
          configuration.label()
              + ": "
              + result.errors()
              + " compile errors, the first: "
              + result.firstError());
    }
    return result;
  }

  @Override
  public void close() throws IOException {
    for (WorkerProcess worker : workers.values()) {
      worker.close();
    }
    for (Path output : outputs.values()) {
      deleteRecursively(output);
    }
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
