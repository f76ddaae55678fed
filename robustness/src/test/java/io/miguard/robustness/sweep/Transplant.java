package io.miguard.robustness.sweep;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes MI code into the method bodies of a real source file, in shapes whose findings are known
 * whatever the host body does: an operation started at the top of the body and closed before every
 * exit of the method (each {@code return} and {@code throw} of the method itself, not of its
 * lambdas and classes, and the end of the body when it can complete normally, by JLS 14.22).
 *
 * <p>Every close written is on a line of its own, marked {@code /*miguard-close*}{@code /}, and
 * {@code /*miguard-expect:Check*}{@code /} where the check must report it; {@link #expected} reads
 * the truth back from the marks.
 */
final class Transplant {
  /** The helper class every transplanted tree is compiled with. */
  static final String HELPER_PATH = "miguard/transplant/MiTransplant.java";

  static final String HELPER_SOURCE =
      """
      package miguard.transplant;

      import io.miguard.mi.Identity;
      import io.miguard.mi.MiSession;

      /** What code written into the bodies of a real tree uses. */
      public final class MiTransplant {
        public static final String NS = "root/cimv2";
        public static final Identity AUDITOR = Identity.of("CORP\\\\auditor");
        public static MiSession session;
        public static volatile boolean flag;

        private MiTransplant() {}

        /** Declares a checked exception. */
        public static void readConfig() throws java.io.IOException {
          if (flag) {
            throw new java.io.IOException("config");
          }
        }

        /** Declares nothing; may throw NumberFormatException. */
        public static int parse(String text) {
          return Integer.parseInt(text);
        }
      }
      """;

  private static final String MI = "io.miguard.mi.";
  private static final String HELPER = "miguard.transplant.MiTransplant";
  private static final String CLOSE_MARK = "/*miguard-close*/";
  private static final String EXPECT_DRAIN = " /*miguard-expect:MiCloseBeforeDrain*/";
  private static final Pattern EXPECT_MARK = Pattern.compile("/\\*miguard-expect:(Mi\\w+)\\*/");

  /** What is written into a body; each has its truth on every close it writes. */
  enum Shape {
    /** Drained and closed before every exit: no finding. */
    DRAINED(false),
    /** Closed before every exit, never drained: MiCloseBeforeDrain on every close. */
    CLOSED_UNDRAINED(false),
    /**
     * Started inside an impersonation that ends at once, drained and closed before every exit:
     * MiCloseInDifferentContext on every close.
     */
    CLOSED_AFTER_IMPERSONATION(false),
    /**
     * Drained and closed before every exit but the last one (in source order), where only one
     * result is read: MiCloseBeforeDrain on that close alone.
     */
    MISSING_FINAL_DRAIN(false),
    /**
     * A try-with-resources around the whole body (methods without a throws clause), drained before
     * every exit: no finding, whatever the host's implicit exceptions, calls and close-quietly
     * {@code finally} blocks do (issue 12, classes 8 and 9).
     */
    DRAINED_RESOURCE(true),
    /**
     * As {@link #DRAINED}, after a try at the top whose handler closes the operation undrained: a
     * finding there exactly when the exceptional-edge rule follows that handler's edge.
     */
    CAUGHT_EXCEPTION(true),
    /**
     * A try-with-resources around the whole body that drains first thing: no finding, whatever the
     * host code does after the drain (issue 14: the everyday shape, proven without a graph where
     * the host code lets the proof through, analysed otherwise).
     */
    DRAINED_FIRST(false),
    /**
     * As {@link #DRAINED_FIRST}, with an impersonation entered (and never left) at the end of the
     * body when a path falls off it: the implicit close there runs as another identity,
     * MiCloseInDifferentContext on the resource; a near miss of the everyday shape the proof must
     * refuse.
     */
    IMPERSONATED_AT_THE_END(false);

    /** Whether the shape needs the engine's issue-12 exceptional-edge rule (off by default). */
    final boolean extended;

    Shape(boolean extended) {
      this.extended = extended;
    }
  }

  /**
   * The try written by {@link Shape#CAUGHT_EXCEPTION}: what its block does and what it catches, and
   * whether the documented rule follows the edge into the handler.
   */
  enum CaughtException {
    DECLARED_CHECKED(HELPER + ".readConfig();", "java.io.IOException", true),
    DECLARED_CHECKED_CATCH_ALL(HELPER + ".readConfig();", "Exception", true),
    UNCHECKED_NARROW(HELPER + ".parse(\"1\");", "NumberFormatException", true),
    UNCHECKED_RUNTIME(HELPER + ".parse(\"1\");", "RuntimeException", false),
    UNCHECKED_EXCEPTION(HELPER + ".parse(\"1\");", "Exception", false),
    UNCHECKED_THROWABLE(HELPER + ".parse(\"1\");", "Throwable", false),
    THROW_STATEMENT(
        "if (" + HELPER + ".flag) throw new IllegalStateException();", "RuntimeException", true);

    final String block;
    final String caught;
    final boolean followed;

    CaughtException(String block, String caught, boolean followed) {
      this.block = block;
      this.caught = caught;
      this.followed = followed;
    }
  }

  /** A body chosen for a shape: its method and the shape (and variant) written into it. */
  record Choice(MethodTree method, Shape shape, int variant) {}

  /** Text inserted at an offset of the original source. */
  private record Insertion(int offset, int sequence, String text) {}

  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final String source;
  private final List<Insertion> insertions = new ArrayList<>();

  private Transplant(CompilationUnitTree unit, SourcePositions positions, String source) {
    this.unit = unit;
    this.positions = positions;
    this.source = source;
  }

  /** The method declarations of {@code unit} that have a body, in source order. */
  static List<MethodTree> bodies(CompilationUnitTree unit) {
    List<MethodTree> methods = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        if (method.getBody() != null) {
          methods.add(method);
        }
        return super.visitMethod(method, unused);
      }
    }.scan(unit, null);
    return methods;
  }

  /** Whether {@code shape} can be written into {@code method}. */
  static boolean fits(MethodTree method, Shape shape) {
    return shape != Shape.DRAINED_RESOURCE || method.getThrows().isEmpty();
  }

  /** The source of {@code unit} with every choice written into its body. */
  static String write(
      CompilationUnitTree unit, SourcePositions positions, String source, List<Choice> choices) {
    Transplant transplant = new Transplant(unit, positions, source);
    for (int i = 0; i < choices.size(); i++) {
      transplant.write(choices.get(i), "miguard$op" + i);
    }
    return transplant.apply();
  }

  /** The findings the marks of a transplanted source expect, as keys {@code "Check line"}. */
  static List<String> expected(String transplanted) {
    List<String> expected = new ArrayList<>();
    String[] lines = transplanted.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher expect = EXPECT_MARK.matcher(lines[i]);
      while (expect.find()) {
        expected.add(expect.group(1) + " " + (i + 1));
      }
    }
    return expected;
  }

  // ---- writing one body ----

  private void write(Choice choice, String op) {
    MethodTree method = choice.method();
    BlockTree body = method.getBody();
    List<StatementTree> statements = List.copyOf(body.getStatements());
    int startOffset = (int) positions.getStartPosition(unit, body) + 1;
    if (!statements.isEmpty() && isConstructorCall(statements.get(0))) {
      startOffset = (int) positions.getEndPosition(unit, statements.get(0));
    }
    int endOffset = (int) positions.getEndPosition(unit, body) - 1;
    List<Tree> exits = exits(body);
    boolean endReachable = canCompleteNormally(body, true);
    Shape shape = choice.shape();
    String start = HELPER + ".session.enumerateInstances(" + HELPER + ".NS, \"Win32_Process\")";
    String drain = op + ".drainInstances();";
    String close = op + ".close(); " + CLOSE_MARK;
    // The exits a path reaches passing no other exit (so none of the code written there) and
    // entering no handler (whose edges the exceptional-edge rule decides): the closes of the
    // undrained shapes go there only, so that each is reached undrained whatever that rule says.
    List<Tree> normally = exitsReachedNormally(body);
    boolean endReachedNormally = canCompleteNormally(body, false);
    switch (shape) {
      case DRAINED -> {
        insert(startOffset, "\n" + MI + "MiOperation " + op + " = " + start + ";\n");
        exits.forEach(exit -> beforeExit(exit, drain + "\n" + close + "\n"));
        if (endReachable) {
          insert(endOffset, "\n" + drain + "\n" + close + "\n");
        }
      }
      case MISSING_FINAL_DRAIN -> {
        insert(startOffset, "\n" + MI + "MiOperation " + op + " = " + start + ";\n");
        String undrained = op + ".getInstance();\n" + close + EXPECT_DRAIN + "\n";
        Tree last =
            endReachedNormally || normally.isEmpty() ? null : normally.get(normally.size() - 1);
        for (Tree exit : exits) {
          beforeExit(exit, exit == last ? undrained : drain + "\n" + close + "\n");
        }
        if (endReachable) {
          insert(endOffset, "\n" + (endReachedNormally ? undrained : drain + "\n" + close + "\n"));
        }
      }
      case CLOSED_UNDRAINED -> {
        insert(startOffset, "\n" + MI + "MiOperation " + op + " = " + start + ";\n");
        normally.forEach(exit -> beforeExit(exit, close + EXPECT_DRAIN + "\n"));
        if (endReachedNormally) {
          insert(endOffset, "\n" + close + EXPECT_DRAIN + "\n");
        }
      }
      case CLOSED_AFTER_IMPERSONATION -> {
        String expect = drain + "\n" + close + " /*miguard-expect:MiCloseInDifferentContext*/\n";
        insert(
            startOffset,
            "\n"
                + (MI + "MiOperation " + op + ";\n")
                + ("try (" + MI + "Impersonation " + op + "$as = ")
                + (MI + "SecurityContext.impersonate(" + HELPER + ".AUDITOR)) {\n")
                + (op + " = " + start + ";\n}\n"));
        normally.forEach(exit -> beforeExit(exit, expect));
        if (endReachedNormally) {
          insert(endOffset, "\n" + expect);
        }
      }
      case DRAINED_RESOURCE -> {
        insert(
            startOffset,
            "\ntry (" + MI + "MiOperation " + op + " = " + start + ") { " + CLOSE_MARK + "\n");
        exits.forEach(exit -> beforeExit(exit, drain + "\n"));
        insert(endOffset, (endReachable ? "\n" + drain : "") + "\n}\n");
      }
      case DRAINED_FIRST, IMPERSONATED_AT_THE_END -> {
        boolean impersonated = shape == Shape.IMPERSONATED_AT_THE_END && endReachedNormally;
        insert(
            startOffset,
            ("\ntry (" + MI + "MiOperation " + op + " = " + start + ") { " + CLOSE_MARK)
                + (impersonated ? " /*miguard-expect:MiCloseInDifferentContext*/" : "")
                + ("\n" + drain + "\n"));
        String end =
            impersonated ? "\n" + MI + "SecurityContext.impersonate(" + HELPER + ".AUDITOR);" : "";
        insert(endOffset, end + "\n}\n");
      }
      case CAUGHT_EXCEPTION -> {
        CaughtException caught =
            CaughtException.values()[choice.variant() % CaughtException.values().length];
        insert(
            startOffset,
            "\n"
                + (MI + "MiOperation " + op + " = " + start + ";\n")
                + ("try {\n" + caught.block + "\n" + drain + "\n")
                + ("} catch (" + caught.caught + " " + op + "$e) {\n")
                + close
                + (caught.followed ? EXPECT_DRAIN : "")
                + ("\nthrow new IllegalStateException(" + op + "$e);\n}\n"));
        exits.forEach(exit -> beforeExit(exit, drain + "\n" + close + "\n"));
        if (endReachable) {
          insert(endOffset, "\n" + drain + "\n" + close + "\n");
        }
      }
    }
  }

  /** Wraps the exit statement in a block that runs {@code code} first, on lines of its own. */
  private void beforeExit(Tree exit, String code) {
    insert((int) positions.getStartPosition(unit, exit), "{\n" + code);
    insert((int) positions.getEndPosition(unit, exit), "\n}");
  }

  private void insert(int offset, String text) {
    insertions.add(new Insertion(offset, insertions.size(), text));
  }

  private String apply() {
    insertions.sort(Comparator.comparingInt(Insertion::offset).thenComparing(Insertion::sequence));
    StringBuilder out = new StringBuilder(source.length() + insertions.size() * 40);
    int from = 0;
    for (Insertion insertion : insertions) {
      out.append(source, from, insertion.offset()).append(insertion.text());
      from = insertion.offset();
    }
    return out.append(source, from, source.length()).toString();
  }

  private static boolean isConstructorCall(StatementTree statement) {
    if (statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call) {
      ExpressionTree select = call.getMethodSelect();
      String name =
          select instanceof IdentifierTree id
              ? id.getName().toString()
              : select instanceof MemberSelectTree member ? member.getIdentifier().toString() : "";
      return name.equals("this") || name.equals("super");
    }
    return false;
  }

  /** The {@code return} and {@code throw} statements of the body itself, in source order. */
  private static List<Tree> exits(BlockTree body) {
    List<Tree> exits = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        exits.add(tree);
        return null;
      }

      @Override
      public Void visitThrow(ThrowTree tree, Void unused) {
        exits.add(tree);
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(body, null);
    return exits;
  }

  /**
   * The exits of {@code body} reachable on a path of normal edges only (JLS 14.22 reachability,
   * where no {@code catch} block is entered and a {@code finally} block only after its try block
   * completed normally): paths that pass no other exit, so no code written before another exit.
   */
  static List<Tree> exitsReachedNormally(BlockTree body) {
    List<Tree> exits = new ArrayList<>();
    reach(body, exits);
    return exits;
  }

  private static void reach(StatementTree statement, List<Tree> exits) {
    if (statement == null) {
      return;
    }
    switch (statement.getKind()) {
      case RETURN, THROW -> exits.add(statement);
      case BLOCK -> reachAll(((BlockTree) statement).getStatements(), exits);
      case IF -> {
        reach(((IfTree) statement).getThenStatement(), exits);
        reach(((IfTree) statement).getElseStatement(), exits);
      }
      case WHILE_LOOP -> reach(((WhileLoopTree) statement).getStatement(), exits);
      case DO_WHILE_LOOP -> reach(((DoWhileLoopTree) statement).getStatement(), exits);
      case FOR_LOOP -> reach(((ForLoopTree) statement).getStatement(), exits);
      case ENHANCED_FOR_LOOP -> reach(((EnhancedForLoopTree) statement).getStatement(), exits);
      case LABELED_STATEMENT -> reach(((LabeledStatementTree) statement).getStatement(), exits);
      case SYNCHRONIZED -> reach(((SynchronizedTree) statement).getBlock(), exits);
      case TRY -> {
        TryTree attempt = (TryTree) statement;
        reach(attempt.getBlock(), exits);
        if (canCompleteNormally(attempt.getBlock(), false)) {
          reach(attempt.getFinallyBlock(), exits);
        }
      }
      case SWITCH -> {
        for (CaseTree c : ((SwitchTree) statement).getCases()) {
          if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
            if (c.getBody() instanceof StatementTree body) {
              reach(body, exits);
            }
          } else {
            reachAll(c.getStatements(), exits);
          }
        }
      }
      default -> {}
    }
  }

  /** The statements of a block in turn, while the one before can complete normally. */
  private static void reachAll(List<? extends StatementTree> statements, List<Tree> exits) {
    for (StatementTree statement : statements) {
      reach(statement, exits);
      if (!canCompleteNormally(statement, false)) {
        return;
      }
    }
  }

  // ---- JLS 14.22: can a statement complete normally (all statements are reachable) ----

  /**
   * Whether {@code statement} can complete normally by JLS 14.22 ({@code handlers}), or without
   * entering a {@code catch} block (not {@code handlers}): on a path of normal edges only.
   */
  static boolean canCompleteNormally(StatementTree statement, boolean handlers) {
    if (statement == null) {
      return true;
    }
    switch (statement.getKind()) {
      case RETURN, THROW, BREAK, CONTINUE, YIELD:
        return false;
      case BLOCK:
        for (StatementTree inner : ((BlockTree) statement).getStatements()) {
          if (!canCompleteNormally(inner, handlers)) {
            return false;
          }
        }
        return true;
      case IF:
        IfTree branch = (IfTree) statement;
        return branch.getElseStatement() == null
            || canCompleteNormally(branch.getThenStatement(), handlers)
            || canCompleteNormally(branch.getElseStatement(), handlers);
      case WHILE_LOOP:
        return !isTrue(((WhileLoopTree) statement).getCondition())
            || breaksOut(statement, handlers);
      case DO_WHILE_LOOP:
        DoWhileLoopTree doWhile = (DoWhileLoopTree) statement;
        return breaksOut(statement, handlers)
            || (!isTrue(doWhile.getCondition())
                && (canCompleteNormally(doWhile.getStatement(), handlers) || continues(statement)));
      case FOR_LOOP:
        ExpressionTree condition = ((ForLoopTree) statement).getCondition();
        return (condition != null && !isTrue(condition)) || breaksOut(statement, handlers);
      case ENHANCED_FOR_LOOP:
        return true;
      case LABELED_STATEMENT:
        return canCompleteNormally(((LabeledStatementTree) statement).getStatement(), handlers)
            || breaksOut(statement, handlers);
      case SYNCHRONIZED:
        return canCompleteNormally(((SynchronizedTree) statement).getBlock(), handlers);
      case TRY:
        TryTree attempt = (TryTree) statement;
        boolean any = canCompleteNormally(attempt.getBlock(), handlers);
        for (var handler : attempt.getCatches()) {
          any |= handlers && canCompleteNormally(handler.getBlock(), handlers);
        }
        return any
            && (attempt.getFinallyBlock() == null
                || canCompleteNormally(attempt.getFinallyBlock(), handlers));
      case SWITCH:
        return switchCompletes((SwitchTree) statement, handlers);
      default:
        return true;
    }
  }

  private static boolean switchCompletes(SwitchTree statement, boolean handlers) {
    List<? extends CaseTree> cases = statement.getCases();
    if (cases.isEmpty() || breaksOut(statement, handlers)) {
      return true;
    }
    if (cases.stream().noneMatch(Transplant::isDefault)) {
      return true;
    }
    if (cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE) {
      for (CaseTree c : cases) {
        Tree body = c.getBody();
        if (body instanceof StatementTree s ? canCompleteNormally(s, handlers) : true) {
          return true;
        }
      }
      return false;
    }
    List<? extends StatementTree> last = cases.get(cases.size() - 1).getStatements();
    return last.isEmpty() || canCompleteNormally(last.get(last.size() - 1), handlers);
  }

  /** A {@code default} label (the trees are Java 17: no pattern or {@code null} labels). */
  private static boolean isDefault(CaseTree c) {
    return c.getExpressions().isEmpty();
  }

  private static boolean isTrue(ExpressionTree condition) {
    while (condition instanceof ParenthesizedTree parens) {
      condition = parens.getExpression();
    }
    return condition instanceof LiteralTree literal && Boolean.TRUE.equals(literal.getValue());
  }

  /** Whether a {@code break} inside {@code target} (not in a lambda or class) leaves it. */
  private static boolean breaksOut(StatementTree target, boolean handlers) {
    String label =
        target instanceof LabeledStatementTree labelled ? labelled.getLabel().toString() : null;
    StatementTree loop =
        target instanceof LabeledStatementTree labelled ? labelled.getStatement() : target;
    boolean[] found = {false};
    new TreeScanner<Void, Integer>() {
      @Override
      public Void visitBreak(BreakTree tree, Integer depth) {
        if (tree.getLabel() == null
            ? label == null && depth == 0
            : tree.getLabel().contentEquals(label == null ? "" : label)) {
          found[0] = true;
        }
        return null;
      }

      @Override
      public Void scan(Tree tree, Integer depth) {
        if (tree == null || found[0]) {
          return null;
        }
        boolean nests =
            tree != loop
                && (tree instanceof WhileLoopTree
                    || tree instanceof DoWhileLoopTree
                    || tree instanceof ForLoopTree
                    || tree instanceof EnhancedForLoopTree
                    || tree instanceof SwitchTree
                    || tree instanceof SwitchExpressionTree);
        return super.scan(tree, nests ? depth + 1 : depth);
      }

      @Override
      public Void visitCatch(CatchTree tree, Integer depth) {
        return handlers ? super.visitCatch(tree, depth) : null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Integer depth) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Integer depth) {
        return null;
      }
    }.scan(loop, 0);
    return found[0];
  }

  /**
   * Whether an unlabelled {@code continue} of this loop appears in it (labelled ones: no label).
   */
  private static boolean continues(StatementTree loop) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitContinue(com.sun.source.tree.ContinueTree tree, Void unused) {
        found[0] = true;
        return null;
      }
    }.scan(loop, null);
    return found[0];
  }
}
