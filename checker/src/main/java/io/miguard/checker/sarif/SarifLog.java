package io.miguard.checker.sarif;

import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.Fix;
import com.google.errorprone.fixes.Replacement;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.util.Context;
import io.miguard.checker.sarif.SarifResult.Location;
import io.miguard.checker.sarif.SarifResult.Region;
import io.miguard.checker.sarif.SarifResult.SarifFix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * The findings of miguard's checks in one compilation, written as a SARIF 2.1.0 log to the file
 * that {@code -XepOpt:Miguard:SarifFile=PATH} names.
 *
 * <p>One log lives in each compilation's javac context ({@link #of}), so that compilations in one
 * JVM (a build daemon, a reactor of modules) each write their own file. The file is written once,
 * when the compilation finishes (a {@link TaskListener} on {@link TaskEvent.Kind#COMPILATION}), and
 * replaces what an earlier compilation wrote there: it holds the findings of that compilation only,
 * also when there are none, so that a finding that was fixed disappears. It is written to a
 * temporary file beside it and moved into place, so that a reader never sees half a log.
 */
public final class SarifLog {
  /** The Error Prone flag that names the file. */
  public static final String FLAG = "Miguard:SarifFile";

  private static final Context.Key<SarifLog> KEY = new Context.Key<>();

  private final @Nullable Path file;
  private final Messager messager;
  private final Map<String, SarifRule> rules = new TreeMap<>();
  private final List<SarifResult> results = new ArrayList<>();

  private SarifLog(@Nullable Path file, Context context) {
    this.file = file;
    JavacProcessingEnvironment environment = JavacProcessingEnvironment.instance(context);
    this.messager = environment.getMessager();
    if (file != null) {
      JavacTask.instance(environment)
          .addTaskListener(
              new TaskListener() {
                @Override
                public void finished(TaskEvent event) {
                  if (event.getKind() == TaskEvent.Kind.COMPILATION) {
                    write();
                  }
                }
              });
    }
  }

  /**
   * The log of the compilation {@code state} belongs to; the first call in a compilation reads the
   * flag and, if it names a file, arranges for the file to be written when the compilation ends.
   */
  public static SarifLog of(VisitorState state) {
    SarifLog log = state.context.get(KEY);
    if (log == null) {
      Path file =
          state
              .errorProneOptions()
              .getFlags()
              .get(FLAG)
              .filter(path -> !path.isBlank())
              .map(Path::of)
              .orElse(null);
      log = new SarifLog(file, state.context);
      state.context.put(KEY, log);
    }
    return log;
  }

  /** Whether a file was asked for: otherwise the log records nothing. */
  public boolean enabled() {
    return file != null;
  }

  /** Lists {@code check} among the rules of the run (it ran in this compilation). */
  public void ruleRan(BugChecker check, VisitorState state) {
    if (file != null && !rules.containsKey(check.canonicalName())) {
      rules.put(
          check.canonicalName(),
          new SarifRule(
              check.canonicalName(),
              check.message(),
              check.linkUrl() == null ? SarifJson.TOOL_URI : check.linkUrl(),
              level(check.defaultSeverity())));
    }
  }

  /**
   * Records a finding that {@code check} reports at {@code where} (in the unit {@code state} is in)
   * with the severity Error Prone gives it (the check's, or the one set by {@code -Xep:}).
   */
  public void add(
      BugChecker check,
      VisitorState state,
      Tree where,
      String message,
      List<Related> related,
      @Nullable Fix fix)
      throws ReflectiveOperationException {
    if (file == null) {
      return;
    }
    ruleRan(check, state);
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    String uri = unit.getSourceFile().toUri().toString();
    SeverityLevel severity =
        state.severityMap().getOrDefault(check.canonicalName(), check.defaultSeverity());
    List<Location> relatedLocations = new ArrayList<>();
    for (Related place : related) {
      Region region = region(place.tree(), state);
      if (region != null) {
        relatedLocations.add(new Location(uri, region, place.message()));
      }
    }
    List<SarifFix> fixes = new ArrayList<>();
    if (fix != null && !fix.isEmpty()) {
      List<SarifResult.Replacement> replacements = new ArrayList<>();
      for (Replacement replacement : FixReplacements.of(fix, state)) {
        replacements.add(
            new SarifResult.Replacement(
                region(replacement.startPosition(), replacement.endPosition(), unit.getLineMap()),
                replacement.replaceWith()));
      }
      String description =
          fix.getShortDescription().isEmpty()
              ? "Apply the suggested fix of " + check.canonicalName()
              : fix.getShortDescription();
      fixes.add(new SarifFix(description, uri, replacements));
    }
    Region region = region(where, state);
    if (region == null) {
      return; // a tree without a position (synthetic) cannot be shown
    }
    results.add(
        new SarifResult(
            check.canonicalName(),
            level(severity),
            message,
            new Location(uri, region, null),
            relatedLocations,
            fixes));
  }

  /** The SARIF text of the findings so far, ordered by file and position. */
  String text() {
    List<SarifResult> sorted = new ArrayList<>(results);
    sorted.sort(
        Comparator.comparing((SarifResult result) -> result.location().uri())
            .thenComparingInt(result -> result.location().region().charOffset())
            .thenComparing(SarifResult::ruleId));
    String version = SarifLog.class.getPackage().getImplementationVersion();
    return SarifJson.log(new ArrayList<>(rules.values()), sorted, category(), version);
  }

  /**
   * The run's category: {@code miguard/} and the file's path, relative to the working directory
   * when it lies below it (a module's {@code target/miguard.sarif} in a reactor build), so that the
   * files of several modules uploaded together are separate analyses, each replacing its own
   * previous one.
   */
  private String category() {
    Path target = file == null ? Path.of("") : file.toAbsolutePath().normalize();
    Path workingDirectory = Path.of("").toAbsolutePath();
    Path shown = target.startsWith(workingDirectory) ? workingDirectory.relativize(target) : target;
    String path = shown.toString().replace('\\', '/');
    return "miguard/" + (path.startsWith("/") ? path.substring(1) : path);
  }

  /** Writes the log to its file; a failure is a warning of the compilation, never a crash. */
  private void write() {
    if (file == null) {
      return;
    }
    try {
      Path target = file.toAbsolutePath();
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
      try {
        Files.writeString(temporary, text(), StandardCharsets.UTF_8);
        try {
          Files.move(
              temporary,
              target,
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException | RuntimeException e) {
      messager.printMessage(
          Diagnostic.Kind.WARNING,
          "miguard could not write the SARIF file " + file + " (" + FLAG + "): " + e);
    }
  }

  private static @Nullable Region region(Tree tree, VisitorState state) {
    int start = ASTHelpers.getStartPosition(tree);
    int end = state.getEndPosition(tree);
    if (start < 0) {
      return null;
    }
    return region(start, Math.max(start, end), state.getPath().getCompilationUnit().getLineMap());
  }

  /** The region from {@code start} to {@code end} (exclusive), in lines and columns too. */
  private static Region region(int start, int end, LineMap lines) {
    int startLine = (int) lines.getLineNumber(start);
    int endLine = (int) lines.getLineNumber(end);
    return new Region(
        startLine,
        column(start, startLine, lines),
        endLine,
        column(end, endLine, lines),
        start,
        end - start);
  }

  /** The 1-based column of {@code position}, in characters (javac's own column expands tabs). */
  private static int column(int position, int line, LineMap lines) {
    return (int) (position - lines.getStartPosition(line)) + 1;
  }

  private static String level(SeverityLevel severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case SUGGESTION -> "note";
    };
  }
}
