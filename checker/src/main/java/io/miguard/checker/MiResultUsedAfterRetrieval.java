package io.miguard.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import io.miguard.checker.analysis.AnalysisOptions;
import io.miguard.checker.analysis.BodyAnalysis;
import io.miguard.checker.analysis.ProtocolModel;
import io.miguard.checker.analysis.StaleRead;
import io.miguard.checker.analysis.Staleness;
import io.miguard.checker.analysis.UnitAnalysis;
import io.miguard.checker.sarif.Related;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Reports a read (a call on it, passing it on) of an object borrowed from a result
 * ({@code @BorrowedResult}) after the next retrieval from the same operation or the operation's
 * close has released it (MI rule 5), unless a {@code @CopiesResult} copy was taken before. Storing
 * the reference is not a read. Where the object reaches the variable through one assignment, the
 * fix copies it there.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "MiResultUsedAfterRetrieval",
    summary =
        "An instance, class or error details from an MI result is valid only until the next"
            + " retrieval from its operation or its close; clone it to keep it",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = ProjectLinks.BUG_PATTERNS + "MiResultUsedAfterRetrieval.md",
    documentSuppression = true)
public final class MiResultUsedAfterRetrieval extends OperationBodyChecker {

  /** The check with no flags. */
  public MiResultUsedAfterRetrieval() {
    this(ErrorProneFlags.empty());
  }

  /** The check configured by the compilation's {@code -XepOpt:Miguard:...} flags. */
  @Inject
  public MiResultUsedAfterRetrieval(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  AnalysisOptions options() {
    return AnalysisOptions.DEFAULT;
  }

  @Override
  void report(
      BodyAnalysis analysis, UnitAnalysis unit, @Nullable MethodTree method, VisitorState state) {
    Set<Symbol> fixed = new HashSet<>();
    for (StaleRead read : analysis.staleReads()) {
      Symbol variable = localRead(read.tree());
      SuggestedFix fix =
          variable != null && fixed.add(variable)
              ? copyAtStore(analysis.path().getLeaf(), variable, unit.model(), state)
              : null;
      List<Related> related = new ArrayList<>();
      if (read.staleness().releasedBy() != null) {
        related.add(new Related(read.staleness().releasedBy(), "This call releases it."));
      }
      reportFinding(state, read.tree(), message(read, unit.model(), state), related, fix);
    }
  }

  private static String message(StaleRead read, ProtocolModel model, VisitorState state) {
    Staleness staleness = read.staleness();
    String name = state.getSourceForNode(read.tree());
    Tree release = staleness.releasedBy();
    String releaser = "the " + (isClose(release, model) ? "close" : "retrieval");
    String line = Lines.of(release, state);
    return "'"
        + (name != null ? name : "this object")
        + "' was borrowed from a result, and "
        + releaser
        + " on line "
        + line
        + (staleness.kind() == Staleness.Kind.RELEASED ? " released it" : " may have released it")
        + " (MI rule 5): reading it here reads freed memory. Copy it with its @CopiesResult"
        + " method before the next retrieval or the close, and keep the copy.";
  }

  private static boolean isClose(@Nullable Tree release, ProtocolModel model) {
    if (release instanceof VariableTree) {
      return true; // a try-with-resources resource: its implicit close
    }
    return release instanceof MethodInvocationTree call
        && (Symbol) ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && (model.closesReceiver(method) || hasClosingParameter(method, model));
  }

  private static boolean hasClosingParameter(MethodSymbol method, ProtocolModel model) {
    for (int i = 0; i < method.getParameters().size(); i++) {
      if (model.closesParameter(method, i)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Symbol localRead(Tree read) {
    Symbol symbol = read instanceof IdentifierTree ? ASTHelpers.getSymbol(read) : null;
    return symbol != null && symbol.getKind() == ElementKind.LOCAL_VARIABLE ? symbol : null;
  }

  /**
   * The fix: copy the borrowed object where it is stored in {@code variable}, when exactly one
   * assignment (or initializer) stores something other than null or a copy there, and its type has
   * a {@code @CopiesResult} method.
   */
  private static @Nullable SuggestedFix copyAtStore(
      Tree body, Symbol variable, ProtocolModel model, VisitorState state) {
    List<ExpressionTree> stores = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) == variable && tree.getInitializer() != null) {
          stores.add(tree.getInitializer());
        }
        return super.visitVariable(tree, unused);
      }

      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree.getVariable()) == variable) {
          stores.add(tree.getExpression());
        }
        return super.visitAssignment(tree, unused);
      }
    }.scan(body, null);
    stores.removeIf(store -> store.getKind() == Tree.Kind.NULL_LITERAL || isCopy(store, model));
    if (stores.size() != 1) {
      return null;
    }
    ExpressionTree stored = stores.get(0);
    Type type = ASTHelpers.getType(stored);
    MethodSymbol copy = type == null ? null : model.copyMethod(type.tsym);
    String source = state.getSourceForNode(stored);
    if (copy == null || source == null) {
      return null;
    }
    boolean simple =
        stored instanceof IdentifierTree
            || stored instanceof MemberSelectTree
            || stored instanceof MethodInvocationTree;
    String receiver = simple ? source : "(" + source + ")";
    return SuggestedFix.replace(stored, receiver + "." + copy.getSimpleName() + "()");
  }

  private static boolean isCopy(ExpressionTree expression, ProtocolModel model) {
    return expression instanceof MethodInvocationTree call
        && (Symbol) ASTHelpers.getSymbol(call) instanceof MethodSymbol method
        && model.copiesResult(method);
  }
}
