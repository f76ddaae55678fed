package io.miguard.bench;

import static java.util.Objects.requireNonNull;

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
  private final String errorProneJdkFlag;

  private Workers(String errorProneJdkFlag) {
    this.errorProneJdkFlag = errorProneJdkFlag;
  }

  static Workers start(List<String> jvmArgs, String errorProneJdkFlag) throws IOException {
    Workers started = new Workers(errorProneJdkFlag);
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
            requireNonNull(outputs.get(configuration)).toString(),
            "-classpath",
            String.join(File.pathSeparator, classPath)));
    CompileResult result =
        requireNonNull(workers.get(configuration)).compile(new CompileRequest(options, sources));
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
