package io.miguard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A forked {@link CompileWorker} JVM for one {@link Configuration}, kept alive across requests. Its
 * class path is the driver's, minus what the configuration would not load: every jar that registers
 * an Error Prone plugin check (for {@link Configuration#ERROR_PRONE}) and, for plain javac,
 * everything but this module's own classes.
 */
final class WorkerProcess implements AutoCloseable {
  private static final String PLUGIN_REGISTRATION =
      "META-INF/services/com.google.errorprone.bugpatterns.BugChecker";
  private static final long TIMEOUT_MINUTES = 10;

  private final Configuration configuration;
  private final Process process;
  private final PrintStream requests;
  private final BufferedReader replies;
  private final ExecutorService reader = Executors.newSingleThreadExecutor();
  private final Path requestFile;

  private WorkerProcess(Configuration configuration, Process process) throws IOException {
    this.configuration = configuration;
    this.process = process;
    this.requests = new PrintStream(process.getOutputStream(), true, UTF_8);
    this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
    this.requestFile = Files.createTempFile("miguard-bench-request", ".txt");
  }

  static WorkerProcess start(Configuration configuration, List<String> jvmArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classPathFor(configuration)));
    command.add(CompileWorker.class.getName());
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new WorkerProcess(configuration, process);
  }

  Configuration configuration() {
    return configuration;
  }

  /** Runs one compilation in the worker; fails if the worker dies or takes over 10 minutes. */
  CompileResult compile(CompileRequest request) throws IOException {
    request.writeTo(requestFile);
    requests.println(requestFile);
    Future<String> reply = reader.submit(replies::readLine);
    try {
      String line = reply.get(TIMEOUT_MINUTES, TimeUnit.MINUTES);
      if (line == null) {
        throw new IOException(configuration.label() + " worker exited: " + process.waitFor());
      }
      return CompileResult.decode(line);
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new IOException(configuration.label() + " worker took over 10 minutes", e);
    } catch (ExecutionException e) {
      throw new IOException(configuration.label() + " worker failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() throws IOException {
    requests.close();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      reader.shutdownNow();
      Files.deleteIfExists(requestFile);
    }
  }

  static List<String> classPathFor(Configuration configuration) {
    List<String> driverClassPath =
        Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    if (configuration == Configuration.JAVAC) {
      return List.of(locationOf(CompileWorker.class));
    }
    if (configuration.loadsMiguard()) {
      return driverClassPath;
    }
    Set<String> plugins = pluginEntries();
    return driverClassPath.stream().filter(entry -> !plugins.contains(normalise(entry))).toList();
  }

  /** The class path entries that register Error Prone plugin checks (miguard's jar). */
  private static Set<String> pluginEntries() {
    Set<String> entries = new HashSet<>();
    try {
      for (URL url :
          Collections.list(ClassLoader.getSystemClassLoader().getResources(PLUGIN_REGISTRATION))) {
        String spec = url.toString();
        if (spec.startsWith("jar:")) {
          spec = spec.substring("jar:".length(), spec.indexOf("!/"));
        } else {
          spec = spec.substring(0, spec.length() - PLUGIN_REGISTRATION.length());
        }
        entries.add(normalise(Path.of(new URL(spec).toURI()).toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return entries;
  }

  private static String normalise(String entry) {
    return Path.of(entry).toAbsolutePath().normalize().toString();
  }

  static String locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
