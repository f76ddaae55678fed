package io.miguard.bench;

import static com.google.common.truth.Truth.assertThat;

import io.miguard.bench.ProfileSummary.Frame;
import io.miguard.bench.ProfileSummary.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Samples are attributed to the innermost phase on their stack; samples outside miguard to none.
 */
class ProfileSummaryTest {
  private static final Frame CHECK =
      new Frame("io.miguard.checker.OperationBodyChecker", "checkBody");
  private static final Frame COMPUTE =
      new Frame("io.miguard.checker.analysis.UnitAnalysis", "compute");
  private static final Frame WORKLIST =
      new Frame(
          "org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl",
          "performAnalysis");
  private static final Frame TRANSFER =
      new Frame("io.miguard.checker.analysis.OperationTransfer", "visitMethodInvocation");
  private static final Frame BUILDER =
      new Frame(
          "org.checkerframework.errorprone.dataflow.cfg.builder.CFGTranslationPhaseOne", "scan");
  private static final Frame JAVAC = new Frame("com.sun.tools.javac.code.Types", "isSubtype");

  @Test
  void innermostPhaseWins() {
    // A graph built for a method summary during another body's fixpoint is graph building.
    assertThat(ProfileSummary.phaseOf(List.of(JAVAC, BUILDER, TRANSFER, WORKLIST, COMPUTE, CHECK)))
        .isEqualTo(Phase.CFG_BUILDER);
    assertThat(ProfileSummary.phaseOf(List.of(JAVAC, TRANSFER, WORKLIST, COMPUTE, CHECK)))
        .isEqualTo(Phase.FIXPOINT);
    assertThat(
            ProfileSummary.phaseOf(
                List.of(
                    new Frame("com.sun.source.util.TreeScanner", "scan"),
                    new Frame("io.miguard.checker.analysis.HandleMentions$1", "scan"),
                    COMPUTE,
                    CHECK)))
        .isEqualTo(Phase.FAST_PATH);
    assertThat(
            ProfileSummary.phaseOf(
                List.of(
                    new Frame("com.google.errorprone.fixes.SuggestedFix", "build"),
                    new Frame("io.miguard.checker.MiCloseBeforeDrain", "report"),
                    CHECK)))
        .isEqualTo(Phase.REPORTING);
    assertThat(ProfileSummary.phaseOf(List.of(JAVAC, COMPUTE, CHECK))).isEqualTo(Phase.OTHER);
  }

  @Test
  void countsOnlySamplesInsideMiguardByPhaseAndTopClass() {
    ProfileSummary summary = new ProfileSummary();
    summary.add(List.of(JAVAC));
    summary.add(List.of(JAVAC, TRANSFER, WORKLIST, COMPUTE, CHECK));
    summary.add(List.of(TRANSFER, WORKLIST, COMPUTE, CHECK));
    summary.add(List.of(BUILDER, COMPUTE, CHECK));

    String text = summary.render();

    assertThat(text).startsWith("4 execution samples, 3 (75.0%) with miguard's code on the stack");
    assertThat(text).containsMatch("dataflow fixpoint [^|]*\\| 2 +\\| 66.7%");
    assertThat(text).containsMatch("control-flow graph [^|]*\\| 1 +\\| 33.3%");
    assertThat(text).containsMatch("\\| com.sun.tools.javac.code.Types +\\| 1 +\\| 33.3%");
    assertThat(text).containsMatch("\\| io.miguard.checker.analysis +\\| 1 +\\| 33.3%");
  }
}
