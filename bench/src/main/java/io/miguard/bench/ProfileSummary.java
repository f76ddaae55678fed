package io.miguard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where miguard's time goes, from the execution samples of a Java Flight Recorder recording (see
 * {@link ProfileRun}): of the samples whose stack passes through miguard's code, the share of each
 * phase (the innermost phase on the stack wins, so a graph built for a method summary during
 * another body's fixpoint counts as graph building), and the classes and packages on top of the
 * stack.
 */
final class ProfileSummary {
  private static final String MIGUARD = "io.miguard.checker.";
  private static final String CFG_BUILDER = "org.checkerframework.errorprone.dataflow.cfg.builder.";
  private static final String DATAFLOW = "org.checkerframework.errorprone.dataflow.analysis.";

  /** One frame of a sampled stack. */
  record Frame(String className, String methodName) {}

  /** What miguard spends its time on, by the innermost phase on a sampled stack. */
  enum Phase {
    FAST_PATH("fast path (does the unit or body mention a handle type?)"),
    CFG_BUILDER("control-flow graph (Checker Framework CFGBuilder)"),
    FIXPOINT("dataflow fixpoint (Checker Framework worklist and miguard's transfer and stores)"),
    SETUP("body setup (source scans, entries, nesting)"),
    CLOSE_EVENTS("close events (joining the paths to each close)"),
    REPORTING("reporting (messages, witnesses, suggested fixes)"),
    OTHER("other miguard code");

    private final String label;

    Phase(String label) {
      this.label = label;
    }

    String label() {
      return label;
    }
  }

  private long samples;
  private long insideMiguard;
  private final Map<Phase, Long> phases = new HashMap<>();
  private final Map<String, Long> topClasses = new HashMap<>();
  private final Map<String, Long> topPackages = new HashMap<>();

  static ProfileSummary of(Path recording) throws IOException {
    ProfileSummary summary = new ProfileSummary();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      List<Frame> stack = new ArrayList<>();
      for (RecordedFrame frame : event.getStackTrace().getFrames()) {
        if (frame.isJavaFrame()) {
          stack.add(new Frame(frame.getMethod().getType().getName(), frame.getMethod().getName()));
        }
      }
      summary.add(stack);
    }
    return summary;
  }

  /** One sample; {@code stack} innermost frame first. */
  void add(List<Frame> stack) {
    samples++;
    if (stack.isEmpty() || stack.stream().noneMatch(frame -> isMiguard(frame.className()))) {
      return;
    }
    insideMiguard++;
    phases.merge(phaseOf(stack), 1L, Long::sum);
    String top = stack.get(0).className();
    topClasses.merge(outerClass(top), 1L, Long::sum);
    topPackages.merge(packageOf(top), 1L, Long::sum);
  }

  /** The innermost frame that names a phase decides; a sample in miguard always has one. */
  static Phase phaseOf(List<Frame> stack) {
    for (Frame frame : stack) {
      String type = frame.className();
      if (type.startsWith(CFG_BUILDER)) {
        return Phase.CFG_BUILDER;
      }
      if (type.startsWith(DATAFLOW)) {
        return Phase.FIXPOINT;
      }
      if (!isMiguard(type)) {
        continue;
      }
      String name = type.substring(type.lastIndexOf('.') + 1);
      if (name.startsWith("HandleMentions")) {
        return Phase.FAST_PATH;
      }
      if (name.startsWith("CloseEvent")) {
        return Phase.CLOSE_EVENTS;
      }
      if (name.startsWith("BodySetup")
          || name.startsWith("BodyEntries")
          || name.startsWith("Nesting")
          || name.startsWith("SourceText")) {
        return Phase.SETUP;
      }
      if (!type.startsWith(MIGUARD + "analysis.")) {
        // The checks' own code (io.miguard.checker): everything after the analysis.
        return frame.methodName().equals("checkBody") || frame.methodName().startsWith("match")
            ? Phase.OTHER
            : Phase.REPORTING;
      }
    }
    return Phase.OTHER;
  }

  private static boolean isMiguard(String className) {
    return className.startsWith(MIGUARD);
  }

  private static String outerClass(String className) {
    int nested = className.indexOf('$');
    return nested < 0 ? className : className.substring(0, nested);
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  String render() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%d execution samples, %d (%.1f%%) with miguard's code on the stack%n%n",
            samples,
            insideMiguard,
            percent(insideMiguard, samples)));
    Table phaseTable = new Table("miguard's samples by phase", "samples", "share");
    for (Phase phase : Phase.values()) {
      long count = phases.getOrDefault(phase, 0L);
      phaseTable.row(phase.label(), count, share(count));
    }
    text.append(phaseTable.render()).append('\n');
    text.append(top("top of the stack, by package", topPackages, 8)).append('\n');
    text.append(top("top of the stack, by class", topClasses, 15));
    return text.toString();
  }

  private String top(String header, Map<String, Long> counts, int limit) {
    Table table = new Table(header, "samples", "share");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .forEach(entry -> table.row(entry.getKey(), entry.getValue(), share(entry.getValue())));
    return table.render();
  }

  private String share(long count) {
    return String.format(Locale.ROOT, "%.1f%%", percent(count, insideMiguard));
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }
}
