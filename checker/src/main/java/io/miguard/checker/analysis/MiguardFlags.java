package io.miguard.checker.analysis;

import com.google.errorprone.ErrorProneFlags;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * The {@code -XepOpt:Miguard:...} flags every miguard check reads. Error Prone hands each check the
 * flags of its own compilation, so they are per compilation, never JVM-wide (a build daemon
 * compiles many projects in one JVM).
 *
 * @param failFast {@code -XepOpt:Miguard:FailFast=true}: a failure inside miguard is rethrown (and
 *     fails the compilation) instead of becoming a warning; for miguard's own tests
 * @param reportSkipped {@code -XepOpt:Miguard:ReportSkipped=true}: a note for each body that
 *     mentions an MI operation but was analysed only in part or not at all, and why
 * @param injectFailureForTesting {@code -XepOpt:Miguard:InjectFailureForTesting=NAME}: the analysis
 *     of a method named {@code NAME} throws a {@link NoSuchFieldError}, as a changed javac or Error
 *     Prone would; for the crash guard's tests only
 */
public record MiguardFlags(
    boolean failFast, boolean reportSkipped, @Nullable String injectFailureForTesting) {

  /** No flags: failures become warnings, skipped bodies are not listed. */
  public static final MiguardFlags DEFAULT = new MiguardFlags(false, false, null);

  /** The flags given to the compilation. */
  public static MiguardFlags from(ErrorProneFlags flags) {
    return new MiguardFlags(
        flags.getBoolean("Miguard:FailFast").orElse(false),
        flags.getBoolean("Miguard:ReportSkipped").orElse(false),
        flags.get("Miguard:InjectFailureForTesting").orElse(null));
  }

  /** Throws the test-only failure if {@code body} is a method the flag names. */
  void injectFailureInto(Tree body) {
    if (injectFailureForTesting != null
        && body instanceof MethodTree method
        && method.getName().contentEquals(injectFailureForTesting)) {
      throw new NoSuchFieldError(
          "injected by -XepOpt:Miguard:InjectFailureForTesting=" + injectFailureForTesting);
    }
  }
}
