package io.miguard.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.miguard.checker.analysis.BodyAnalysis;
import io.miguard.checker.analysis.CloseEvent;
import io.miguard.checker.analysis.ClosePath;
import io.miguard.checker.analysis.ContextEntry;
import io.miguard.checker.analysis.ContextExit;
import io.miguard.checker.analysis.ContextStack;
import io.miguard.checker.analysis.OperationState;
import io.miguard.checker.analysis.ProtocolModel;
import io.miguard.checker.analysis.ThreadHop;
import io.miguard.checker.analysis.ThreadHops;
import io.miguard.checker.analysis.TreePaths;
import io.miguard.checker.analysis.UnitAnalysis;
import io.miguard.checker.sarif.Related;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * Reports a close of an MI operation in another security context than the one that started it:
 * after the impersonation it was started in ended, inside an impersonation or {@code @RunsAs} body
 * of another identity, or in code handed to another thread. The analysis is the shared {@code
 * io.miguard.checker.analysis} engine (the one {@link MiCloseBeforeDrain} reads too); this class
 * only decides what to report and how.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "MiCloseInDifferentContext",
    summary =
        "An MI operation must be closed in the security context (impersonated identity) that"
            + " started it",
    severity = ERROR,
    linkType = BugPattern.LinkType.CUSTOM,
    link = ProjectLinks.BUG_PATTERNS + "MiCloseInDifferentContext.md",
    documentSuppression = true)
public final class MiCloseInDifferentContext extends OperationBodyChecker {

  /** The check with default options. */
  public MiCloseInDifferentContext() {
    this(ErrorProneFlags.empty());
  }

  /**
   * The check configured by {@code -XepOpt:MiCloseInDifferentContext:ExceptionalPaths=true}, which
   * also reports closes on the paths the default does not follow.
   */
  @Inject
  public MiCloseInDifferentContext(ErrorProneFlags flags) {
    super(flags);
  }

  /** Reports every close of the body that is in a foreign context. */
  @Override
  void report(
      BodyAnalysis analysis, UnitAnalysis unit, @Nullable MethodTree method, VisitorState state) {
    ProtocolModel model = unit.model();
    for (CloseEvent event : analysis.closeEvents()) {
      Finding finding = find(event, analysis, state);
      if (finding != null) {
        report(event, finding, model, state);
      }
    }
  }

  /** A close on a path whose context provably differs from the operation's starting context. */
  private record Finding(OperationState operation, ContextStack closedIn) {}

  private @Nullable Finding find(CloseEvent event, BodyAnalysis analysis, VisitorState state) {
    for (ClosePath path : event.paths(exceptionalPaths())) {
      OperationState operation = path.operation();
      if (operation != null
          && operation.origin() == OperationState.Origin.STARTED
          && (!operation.captured()
              || closesWhereCreated(analysis, state)
              || enteredInThisBody(path.context(), analysis.entry().context()))
          && provablyDifferent(path.context(), operation.startedIn())) {
        return new Finding(operation, path.context());
      }
    }
    return null;
  }

  /**
   * Whether a nested body's entry context is the context in which it really runs, so that a close
   * there of an operation captured from the enclosing body is judged by it: true for a body on
   * another thread or inside {@code @RunsAs}; for a same-thread body only when it is known to run
   * during the call it is handed to (not stored, not given to a method nothing is known about);
   * false for a callback, which runs as the starting identity of its own operation.
   */
  private static boolean closesWhereCreated(BodyAnalysis analysis, VisitorState state) {
    return switch (analysis.entry().kind()) {
      case OTHER_THREAD, RUN_AS, METHOD -> true;
      case CALLBACK -> false;
      case SAME_THREAD -> ThreadHops.of(analysis.path(), state) == ThreadHop.SAME_THREAD;
    };
  }

  /**
   * Whether the close's context is one this body set up itself: an identity it entered (an
   * impersonation, a {@code @RunsAs} call running a method reference) or another thread it hands a
   * method reference to. Then the context is known wherever the body runs, and a close there of a
   * captured operation is judged even in code that runs later.
   */
  private static boolean enteredInThisBody(ContextStack closedIn, ContextStack entry) {
    return !closedIn.isConflict()
        && !entry.isConflict()
        && (closedIn.entries().size() > entry.entries().size()
            || !Objects.equals(closedIn.bottom(), entry.bottom()));
  }

  /**
   * Whether two contexts run as different identities, as far as the source proves:
   *
   * <ul>
   *   <li>two entries that name identities (impersonations, {@code @RunsAs}) differ when the
   *       identities are known and not the same ({@link ContextStack#compareTo});
   *   <li>an identity entered in the source differs from any context without one (the method's
   *       entry, another thread, a callback), whatever that identity: entering it is what changes
   *       the thread's identity;
   *   <li>two contexts without an entered identity are not proved different: the method's entry
   *       context is whatever its caller runs as, which may be the process identity another thread
   *       starts with.
   * </ul>
   */
  private static boolean provablyDifferent(ContextStack closedIn, ContextStack startedIn) {
    ContextEntry closing = closedIn.top();
    ContextEntry starting = startedIn.top();
    if (closing == null || starting == null) {
      return false; // paths with different contexts joined: not known
    }
    boolean closingNamed = closing.identity() != null;
    boolean startingNamed = starting.identity() != null;
    if (closingNamed != startingNamed) {
      return true;
    }
    return closingNamed && closedIn.compareTo(startedIn) == ContextStack.Comparison.DIFFERENT;
  }

  // ---- diagnostics ----

  private void report(CloseEvent event, Finding finding, ProtocolModel model, VisitorState state) {
    ContextStack startedIn = finding.operation().startedIn();
    ContextEntry starting = startedIn.top();
    ContextExit exit = null;
    if (starting != null
        && starting.kind() == ContextEntry.Kind.IMPERSONATION
        && starting.tree() != null
        && !finding.closedIn().entries().contains(starting)) {
      exit = ContextExit.before(starting.tree(), event.reportTree(), model, state);
    }
    StringBuilder message =
        new StringBuilder()
            .append('\'')
            .append(event.operationName())
            .append("' was started on line ")
            .append(Lines.of(finding.operation().startedAt(), state))
            .append(' ')
            .append(words(startedIn, model, state))
            .append(", but is closed here ")
            .append(words(finding.closedIn(), model, state));
    if (exit != null) {
      message.append(", after that impersonation ended on line ").append(endLine(exit, state));
    }
    message.append("; close an operation in the security context that started it");
    List<Related> related = new ArrayList<>();
    if (finding.operation().startedAt() != null) {
      related.add(new Related(finding.operation().startedAt(), "The operation is started here."));
    }
    if (exit != null) {
      related.add(new Related(exit.tree(), "The impersonation that started it ends here."));
    }
    SuggestedFix fix = exit == null ? null : CloseMove.fix(event, finding, exit, state);
    reportFinding(state, event.reportTree(), message.toString(), related, fix);
  }

  /** How a context reads in a diagnostic: its innermost entry, with identity and line. */
  private static String words(ContextStack context, ProtocolModel model, VisitorState state) {
    ContextEntry top = context.top();
    if (top == null) {
      return "in a context that depends on the path";
    }
    return switch (top.kind()) {
      case IMPERSONATION ->
          "as '"
              + identityText(top, model, state)
              + (earlier(top) ? "' of an earlier iteration" : "'")
              + " (impersonation entered on line "
              + Lines.of(top.tree(), state)
              + ")";
      case RUN_AS ->
          "as '"
              + identityText(top, model, state)
              + (earlier(top) ? "' of an earlier iteration" : "'")
              + " ("
              + calleeName(top.tree())
              + " on line "
              + Lines.of(top.tree(), state)
              + ")";
      case OTHER_THREAD -> "on another thread (" + handOffWords(top.tree(), state) + ")";
      case CALLBACK -> "in the context of the callback";
      case METHOD_ENTRY ->
          top.tree() == null
              ? "in the method's entry context"
              : "in the context of whoever runs the code created on line "
                  + Lines.of(top.tree(), state);
    };
  }

  /** Whether the entry's identity is a variable's value from an earlier iteration. */
  private static boolean earlier(ContextEntry entry) {
    return entry.identity() != null && entry.identity().isEarlier();
  }

  /** Where code was handed to another thread: the receiving call, or the code itself. */
  private static String handOffWords(@Nullable Tree where, VisitorState state) {
    if (where instanceof MethodInvocationTree || where instanceof NewClassTree) {
      return "handed to " + calleeName(where) + " on line " + Lines.of(where, state);
    }
    return "created on line " + Lines.of(where, state) + " and handed over from a local";
  }

  /** The identity argument as written at the entry ({@code user}, {@code Test.AUDITOR}). */
  private static String identityText(ContextEntry entry, ProtocolModel model, VisitorState state) {
    List<? extends ExpressionTree> arguments = null;
    if (entry.tree() instanceof MethodInvocationTree call) {
      arguments = call.getArguments();
    } else if (entry.tree() instanceof NewClassTree construction) {
      arguments = construction.getArguments();
    }
    Symbol callee = entry.tree() == null ? null : ASTHelpers.getSymbol(entry.tree());
    if (arguments != null && callee instanceof MethodSymbol method) {
      int index = model.identityParameter(method);
      if (index >= 0 && index < arguments.size()) {
        String text = state.getSourceForNode(arguments.get(index));
        if (text != null) {
          return text;
        }
      }
    }
    return entry.identity() == null ? "?" : entry.identity().describe();
  }

  /** {@code submit}, {@code runAs}, {@code new Thread} for the call that handed code over. */
  private static String calleeName(@Nullable Tree call) {
    Symbol callee = call == null ? null : ASTHelpers.getSymbol(call);
    if (callee == null) {
      return "a call";
    }
    return callee.isConstructor()
        ? "new " + callee.owner.getSimpleName()
        : callee.getSimpleName().toString();
  }

  /** The line where the impersonation ended: the try statement's last line, or the call's. */
  private static String endLine(ContextExit exit, VisitorState state) {
    if (exit.kind() == ContextExit.Kind.END_OF_TRY) {
      int end = state.getEndPosition(exit.tree());
      return end <= 0
          ? Lines.of(exit.tree(), state)
          : Long.toString(state.getPath().getCompilationUnit().getLineMap().getLineNumber(end - 1));
    }
    return Lines.of(exit.tree(), state);
  }

  /**
   * The fix that moves an explicit close back into the impersonation that started its operation,
   * where that is clearly right: the close is a statement of the block that also holds the end of
   * the impersonation, and moving it there restores exactly the starting context.
   *
   * <ul>
   *   <li>after an explicit leaving call ({@code as.close(); ... op.close();}) with no statement in
   *       between that mentions a variable of the close: the close moves before the leaving call;
   *   <li>right after the try-with-resources that entered the impersonation (without catch or
   *       finally): the close moves to the end of its block.
   * </ul>
   */
  private static final class CloseMove {
    private CloseMove() {}

    static @Nullable SuggestedFix fix(
        CloseEvent event, Finding finding, ContextExit exit, VisitorState state) {
      if ((event.kind() != CloseEvent.Kind.EXPLICIT
              && event.kind() != CloseEvent.Kind.CLOSING_PARAMETER)
          || !restoresStartingContext(finding)) {
        return null;
      }
      TreePath closePath = TreePaths.find(state.getPath(), event.reportTree());
      if (closePath == null
          || !(closePath.getParentPath().getLeaf() instanceof ExpressionStatementTree close)
          || !(closePath.getParentPath().getParentPath().getLeaf() instanceof BlockTree block)) {
        return null;
      }
      String closeText = state.getSourceForNode(close);
      List<? extends StatementTree> statements = block.getStatements();
      int closeIndex = statements.indexOf(close);
      if (closeText == null || closeIndex < 1) {
        return null;
      }
      return switch (exit.kind()) {
        case END_OF_TRY -> intoTheTryBlock(statements, closeIndex, close, closeText, exit, state);
        case LEAVING_CALL ->
            beforeTheLeavingCall(statements, closeIndex, close, closeText, exit, state);
      };
    }

    /** Moving the close to where the starting impersonation is still on top gives its context. */
    private static boolean restoresStartingContext(Finding finding) {
      List<ContextEntry> started = finding.operation().startedIn().entries();
      return !started.isEmpty()
          && finding.closedIn().entries().equals(started.subList(0, started.size() - 1));
    }

    private static @Nullable SuggestedFix intoTheTryBlock(
        List<? extends StatementTree> statements,
        int closeIndex,
        StatementTree close,
        String closeText,
        ContextExit exit,
        VisitorState state) {
      TryTree tryTree = (TryTree) exit.tree();
      if (statements.get(closeIndex - 1) != tryTree
          || !tryTree.getCatches().isEmpty()
          || tryTree.getFinallyBlock() != null
          || tryTree.getBlock().getStatements().isEmpty()) {
        return null;
      }
      List<? extends StatementTree> body = tryTree.getBlock().getStatements();
      StatementTree last = body.get(body.size() - 1);
      return deleteLine(close, state)
          .postfixWith(last, "\n" + Lines.indentationOf(last, state) + closeText)
          .build();
    }

    private static @Nullable SuggestedFix beforeTheLeavingCall(
        List<? extends StatementTree> statements,
        int closeIndex,
        StatementTree close,
        String closeText,
        ContextExit exit,
        VisitorState state) {
      int leaveIndex = -1;
      for (int i = 0; i < closeIndex; i++) {
        if (statements.get(i) instanceof ExpressionStatementTree statement
            && statement.getExpression() == exit.tree()) {
          leaveIndex = i;
        }
      }
      if (leaveIndex < 0) {
        return null;
      }
      Set<Symbol> closeVariables = variablesIn(close);
      for (int i = leaveIndex + 1; i < closeIndex; i++) {
        if (!Collections.disjoint(variablesIn(statements.get(i)), closeVariables)) {
          return null; // the close would move before a use of what it closes
        }
      }
      StatementTree leave = statements.get(leaveIndex);
      return deleteLine(close, state)
          .prefixWith(leave, closeText + "\n" + Lines.indentationOf(leave, state))
          .build();
    }

    /** A fix that deletes {@code statement}, with its line when nothing else is on it. */
    private static SuggestedFix.Builder deleteLine(StatementTree statement, VisitorState state) {
      CharSequence source = state.getSourceCode();
      int start = ASTHelpers.getStartPosition(statement);
      int end = state.getEndPosition(statement);
      int lineStart = start;
      while (lineStart > 0 && isBlank(source.charAt(lineStart - 1))) {
        lineStart--;
      }
      int lineEnd = end;
      while (lineEnd < source.length() && isBlank(source.charAt(lineEnd))) {
        lineEnd++;
      }
      if ((lineStart == 0 || source.charAt(lineStart - 1) == '\n')
          && lineEnd < source.length()
          && source.charAt(lineEnd) == '\n') {
        start = lineStart;
        end = lineEnd + 1;
      }
      return SuggestedFix.builder().replace(start, end, "");
    }

    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t';
    }

    /** The variables a statement declares or mentions. */
    private static Set<Symbol> variablesIn(Tree tree) {
      Set<Symbol> variables = new HashSet<>();
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree identifier, Void unused) {
          addVariable(ASTHelpers.getSymbol(identifier));
          return null;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree select, Void unused) {
          addVariable(ASTHelpers.getSymbol(select));
          return super.visitMemberSelect(select, unused);
        }

        @Override
        public Void visitVariable(VariableTree variable, Void unused) {
          addVariable(ASTHelpers.getSymbol(variable));
          return super.visitVariable(variable, unused);
        }

        private void addVariable(@Nullable Symbol symbol) {
          if (symbol instanceof VarSymbol) {
            variables.add(symbol);
          }
        }
      }.scan(tree, null);
      return variables;
    }
  }
}
