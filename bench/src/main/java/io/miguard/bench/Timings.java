package io.miguard.bench;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import javax.tools.JavaCompiler;

/**
 * Error Prone's own per-check timers ({@code ErrorProneTimings}) of one compilation: the time
 * inside every check, and inside the miguard checks. Read reflectively, because the javac worker
 * has no Error Prone on its class path and the others load it at run time. The timers live in the
 * compilation's javac context, which javac drops when the task ends: {@link #attach} takes them
 * before the task runs, {@link Attached#read} after.
 *
 * <p>Error Prone up to 2.4x always runs the timers; later releases (2.52.0 here) run them only when
 * asked with {@value #RECORD_TIMINGS}, a flag the older ones reject as unknown. {@link
 * #recordingFlags} gives the flag to the Error Prone that has it.
 */
final class Timings {
  private Timings() {}

  /** The timers of a compilation, or none without Error Prone. */
  interface Attached {
    CheckTime read();
  }

  /** Nanoseconds inside every check, and inside the miguard checks. */
  record CheckTime(long allChecksNanos, long miguardNanos) {}

  private static final Attached NONE = () -> new CheckTime(0, 0);

  private static final String RECORD_TIMINGS = "-XepRecordTimings";

  /** {@link #recordingFlags}, looked up once: every compilation request asks for it. */
  private static final String RECORDING_FLAGS = detectRecordingFlags();

  /**
   * The Error Prone flag that turns its per-check timers on, with a leading space, when the Error
   * Prone on this JVM's class path has one (its options know {@code recordTimings}); empty
   * otherwise.
   */
  static String recordingFlags() {
    return RECORDING_FLAGS;
  }

  private static String detectRecordingFlags() {
    try {
      Class<?> options =
          Class.forName(
              "com.google.errorprone.ErrorProneOptions", false, Timings.class.getClassLoader());
      options.getDeclaredMethod("recordTimings");
      return " " + RECORD_TIMINGS;
    } catch (ClassNotFoundException | NoSuchMethodException timersAlwaysOn) {
      return "";
    }
  }

  static Attached attach(JavaCompiler.CompilationTask task) {
    Class<?> timingsClass;
    try {
      timingsClass =
          Class.forName(
              "com.google.errorprone.ErrorProneTimings", false, Timings.class.getClassLoader());
    } catch (ClassNotFoundException noErrorProne) {
      return NONE;
    }
    try {
      Object context = task.getClass().getMethod("getContext").invoke(task);
      Class<?> contextClass = Class.forName("com.sun.tools.javac.util.Context");
      Object timings = timingsClass.getMethod("instance", contextClass).invoke(null, context);
      Method timers = timingsClass.getMethod("timings");
      return () -> sum(invoke(timers, timings));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach Error Prone's check timers", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Duration> invoke(Method timers, Object timings) {
    try {
      return (Map<String, Duration>) timers.invoke(timings);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read Error Prone's check timers", e);
    }
  }

  private static CheckTime sum(Map<String, Duration> timers) {
    long all = 0;
    long miguard = 0;
    for (Map.Entry<String, Duration> timer : timers.entrySet()) {
      long nanos = timer.getValue().toNanos();
      all += nanos;
      if (MiguardChecks.names().contains(timer.getKey())) {
        miguard += nanos;
      }
    }
    return new CheckTime(all, miguard);
  }
}
