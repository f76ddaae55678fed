package io.miguard.robustness.sweep;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real-world sweep: compiles large open-source trees from Maven Central with the miguard checks
 * on. None of them uses the binding, so any finding is a false alarm, and no tree may crash the
 * checks or javac. The canary compiled with each tree must be reported exactly as marked, which
 * proves the checks ran; every file of the tree must have been analysed, which proves the tree
 * really compiled as set up.
 */
class RealWorldSweepTest {
  private static final int LISTED = 20;

  static List<SweepTree> trees() {
    return SweepTree.fromSystemProperties();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trees")
  @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void compilesWithNoCrashAndNoFalseAlarm(SweepTree tree) throws IOException {
    assertWithMessage("sources of %s", tree).that(tree.sources()).isNotEmpty();

    SweepCompilation.Outcome outcome = SweepCompilation.compile(tree);
    System.out.printf(
        Locale.ROOT,
        "sweep %s: %d files, %d lines (and the canary) in %.1f s%n",
        tree,
        tree.sources().size(),
        outcome.treeLines(),
        outcome.seconds());

    assertWithMessage("Error Prone crashes compiling %s", tree)
        .that(firstOf(outcome.crashes()))
        .isEmpty();
    assertWithMessage("errors compiling %s (the tree does not compile as set up)", tree)
        .that(firstOf(outcome.otherErrors()))
        .isEmpty();
    assertWithMessage("files of %s that javac never finished analysing", tree)
        .that(firstOf(outcome.unanalysed().stream().map(Object::toString).toList()))
        .isEmpty();
    TreeSet<String> reported = new TreeSet<>();
    outcome.findings().forEach(finding -> reported.add(finding.key()));
    String listed =
        String.join("\n", firstOf(outcome.findings().stream().map(Finding::message).toList()));
    assertWithMessage(
            "miguard findings compiling %s (the canary's are expected, any other is a false"
                + " alarm):\n%s",
            tree, listed)
        .that(reported)
        .containsExactlyElementsIn(SweepCanary.expectedFindings(tree.exceptionalPaths()));
  }

  private static List<String> firstOf(List<String> items) {
    return items.size() <= LISTED ? items : items.subList(0, LISTED);
  }
}
