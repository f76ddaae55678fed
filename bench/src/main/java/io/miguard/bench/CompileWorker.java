package io.miguard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The worker JVM: compiles what each request line names and answers with one {@link CompileResult}
 * line. It stays alive across requests so that its JIT warms up as a build daemon's would, and its
 * class path is its configuration (see {@link Configuration}).
 *
 * <p>Error Prone and its plugins are loaded from this JVM's own class loader (not a fresh one per
 * compilation, which javac would make from {@code -processorpath}): otherwise every compilation
 * would run Error Prone cold, and the measurement would be of class loading and JIT warm-up.
 */
public final class CompileWorker {
  private CompileWorker() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      out.println(compileReportingFailures(Path.of(line.strip())).encode());
    }
  }

  /** A failure of the worker itself comes back as an error, so the driver fails with its text. */
  private static CompileResult compileReportingFailures(Path requestFile) {
    try {
      return compile(CompileRequest.readFrom(requestFile));
    } catch (IOException | RuntimeException | LinkageError e) {
      return new CompileResult(0, 0, 0, 0, 0, 1, "the worker failed: " + e, List.of());
    }
  }

  static CompileResult compile(CompileRequest request) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    // Start every measurement from a collected heap, so one compilation's garbage is not billed
    // to the next.
    System.gc();
    long startCpu = processCpuNanos();
    long start = System.nanoTime();
    Timings.CheckTime timings;
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null,
              new OwnClassLoaderFileManager(files),
              diagnostics,
              request.options(),
              null,
              files.getJavaFileObjectsFromPaths(request.sources()));
      Timings.Attached timers = Timings.attach(task);
      task.call();
      timings = timers.read();
    }
    long wallNanos = System.nanoTime() - start;
    long processCpu = processCpuNanos();
    return result(
        wallNanos, processCpu - startCpu, processCpu, timings, diagnostics.getDiagnostics());
  }

  /** CPU time of this whole JVM so far, every thread; -1 where the platform cannot tell. */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  private static CompileResult result(
      long wallNanos,
      long cpuNanos,
      long processCpuNanos,
      Timings.CheckTime timings,
      List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    int errors = 0;
    String firstError = "";
    List<String> findings = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
      String message = diagnostic.getMessage(Locale.ROOT);
      String check = MiguardChecks.checkOf(message);
      if (check != null) {
        String file =
            diagnostic.getSource() == null
                ? "?"
                : Path.of(diagnostic.getSource().toUri()).getFileName().toString();
        findings.add(check + ":" + file + ":" + diagnostic.getLineNumber());
      } else if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        if (errors++ == 0) {
          firstError = diagnostic.toString();
        }
      }
    }
    return new CompileResult(
        wallNanos,
        cpuNanos,
        processCpuNanos,
        timings.allChecksNanos(),
        timings.miguardNanos(),
        errors,
        firstError,
        findings);
  }

  /**
   * Hands javac this JVM's class loader for plugins and processors, so Error Prone is found once
   * and stays warm (see the class comment). Error Prone only looks for plugin checks when a
   * processor path is set; the request sets one, and this loader answers for it.
   */
  private static final class OwnClassLoaderFileManager
      extends ForwardingJavaFileManager<JavaFileManager> {
    OwnClassLoaderFileManager(JavaFileManager delegate) {
      super(delegate);
    }

    @Override
    public ClassLoader getClassLoader(Location location) {
      if (location == StandardLocation.ANNOTATION_PROCESSOR_PATH) {
        return CompileWorker.class.getClassLoader();
      }
      return super.getClassLoader(location);
    }
  }
}
