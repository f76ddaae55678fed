package io.miguard.checker.analysis;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The {@code -XepOpt:Miguard:...} flags, every one miguard reads. Error Prone hands each check the
 * flags of its own compilation, so they are per compilation, never JVM-wide (a build daemon
 * compiles many projects in one JVM); nothing in miguard reads a system property.
 *
 * @param failFast {@code -XepOpt:Miguard:FailFast=true}: a failure inside miguard is rethrown (and
 *     fails the compilation) instead of becoming a warning; for miguard's own tests
 * @param reportSkipped {@code -XepOpt:Miguard:ReportSkipped=true}: a note for each body that
 *     mentions an MI operation but was analysed only in part, and why
 * @param injectFailureForTesting {@code -XepOpt:Miguard:InjectFailureForTesting=NAME}: the analysis
 *     of a method named {@code NAME} throws a {@link NoSuchFieldError}, as a changed javac or Error
 *     Prone would; for the crash guard's tests only
 * @param models {@code -XepOpt:Miguard:Models=PATH}: the models file, or null
 * @param sarifFile {@code -XepOpt:Miguard:SarifFile=PATH}: where to write the SARIF log, or null
 * @param statementChunking {@code -XepOpt:Miguard:StatementChunks=N}: how long bodies are analysed
 *     (see {@link StatementChunking})
 * @param graphFreeProofs {@code -XepOpt:Miguard:GraphFreeProofs=false} turns off the proofs without
 *     a graph (see {@link GraphFreeProof}): every body that mentions a handle is analysed with its
 *     graph; the findings are the same, only slower (for comparing the two)
 */
public record MiguardFlags(
    boolean failFast,
    boolean reportSkipped,
    @Nullable String injectFailureForTesting,
    @Nullable Path models,
    @Nullable Path sarifFile,
    StatementChunking statementChunking,
    boolean graphFreeProofs) {

  /** No flags: failures become warnings, skipped bodies are not listed, no models, no SARIF. */
  public static final MiguardFlags DEFAULT =
      new MiguardFlags(false, false, null, null, null, StatementChunking.DEFAULT, true);

  /** The flags given to the compilation. */
  public static MiguardFlags from(ErrorProneFlags flags) {
    return new MiguardFlags(
        flags.getBoolean("Miguard:FailFast").orElse(false),
        flags.getBoolean("Miguard:ReportSkipped").orElse(false),
        flags.get("Miguard:InjectFailureForTesting").orElse(null),
        path(flags, "Miguard:Models"),
        path(flags, "Miguard:SarifFile"),
        StatementChunking.from(flags),
        flags.getBoolean("Miguard:GraphFreeProofs").orElse(true));
  }

  /** The flags of the compilation {@code state} belongs to. */
  public static MiguardFlags of(VisitorState state) {
    return from(state.errorProneOptions().getFlags());
  }

  private static @Nullable Path path(ErrorProneFlags flags, String name) {
    return flags.get(name).filter(path -> !path.isBlank()).map(Path::of).orElse(null);
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
