package io.miguard.checker.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * Answers whether a piece of code runs on another thread than the one that creates it, where an
 * impersonation does not follow (see {@link ThreadHop}).
 *
 * <p>What hops is known from two sources, read by name so the checker needs no annotations jar:
 *
 * <ul>
 *   <li>the JDK: {@code Executor.execute}; {@code ExecutorService.submit/invokeAll/invokeAny};
 *       {@code ScheduledExecutorService.schedule*}; {@code CompletionService.submit}; {@code
 *       ForkJoinPool.execute/submit/invoke}; {@code new Thread(...)}; {@code
 *       Thread.Builder.start/unstarted} ({@code Thread.ofVirtual()}, {@code ofPlatform()}); {@code
 *       ThreadFactory.newThread} (also a builder's {@code factory()}); {@code
 *       Thread.startVirtualThread}; {@code CompletableFuture.runAsync/supplyAsync} and every {@code
 *       *Async} method of a {@code CompletionStage}; {@code Timer.schedule*} with a {@code
 *       TimerTask}; {@code SwingUtilities/EventQueue.invokeLater/invokeAndWait}; {@code new
 *       javax.swing.Timer(delay, listener)}; {@code Runtime.addShutdownHook}; and {@code start()}
 *       of an anonymous {@code Thread} subclass. Subtypes are included. Only the arguments that
 *       carry code hop (a {@code Runnable}, {@code Callable}, {@code TimerTask}, {@code
 *       ForkJoinTask}, or another functional interface except {@code Executor}, and the elements of
 *       the collection given to {@code invokeAll/invokeAny});
 *   <li>{@code @io.miguard.annotations.RunsOnAnotherThread} on a method or constructor (every
 *       argument hops), on one of its parameters (that argument hops), or on a method it overrides.
 * </ul>
 *
 * <p>Everything else is {@link ThreadHop#SAME_THREAD} when a catalogue says so ({@code forEach},
 * {@code Map.compute*}, {@code Optional}, sequential streams, {@code @RunsAs}) and {@link
 * ThreadHop#UNKNOWN} otherwise; callers treat unknown as same-thread, so that only proved hops lead
 * to reports.
 *
 * <p>Code is followed from where it is created to the call that runs it by {@link ThreadHopFlow}:
 * directly as an argument, through an effectively-final local all of whose uses hop ({@code
 * Runnable r = () -> op.close(); pool.execute(r);}), or through a collection factory handed to
 * {@code invokeAll}. The methods of a local class hop when every instantiation of it hops.
 */
public final class ThreadHops {
  private ThreadHops() {}

  /**
   * Where the code at {@code codePath} runs, relative to the body that creates it. The leaf may be:
   *
   * <ul>
   *   <li>a {@link LambdaExpressionTree} or {@link MemberReferenceTree};
   *   <li>a {@link NewClassTree} (an anonymous class instance, or any object whose methods run);
   *   <li>a {@link ClassTree} of an anonymous or local class, or a {@link MethodTree} in one: the
   *       answer for its instances. Constructors, initialiser blocks and field initialisers run
   *       where the instance is created: {@link ThreadHop#SAME_THREAD}.
   * </ul>
   *
   * Anything else (a top-level or member class, another tree) is {@link ThreadHop#UNKNOWN}.
   */
  public static ThreadHop of(TreePath codePath, VisitorState state) {
    Tree code = codePath.getLeaf();
    ThreadHopFlow flow = new ThreadHopFlow(state);
    if (code instanceof LambdaExpressionTree
        || code instanceof MemberReferenceTree
        || code instanceof NewClassTree) {
      return flow.valueAt(codePath);
    }
    if (code instanceof ClassTree) {
      return ofClass(codePath, flow, state);
    }
    TreePath classPath = codePath.getParentPath();
    if (classPath == null || !(classPath.getLeaf() instanceof ClassTree)) {
      return ThreadHop.UNKNOWN;
    }
    if (code instanceof MethodTree) {
      MethodSymbol method = ASTHelpers.getSymbol((MethodTree) code);
      return method != null && method.isConstructor()
          ? ThreadHop.SAME_THREAD
          : ofClass(classPath, flow, state);
    }
    if (code instanceof BlockTree || code instanceof VariableTree) {
      return isLocalOrAnonymous(classPath) ? ThreadHop.SAME_THREAD : ThreadHop.UNKNOWN;
    }
    return ThreadHop.UNKNOWN;
  }

  /** Whether the code at {@code codePath} is proved to run on another thread. */
  public static boolean runsOnAnotherThread(TreePath codePath, VisitorState state) {
    return of(codePath, state) == ThreadHop.ANOTHER_THREAD;
  }

  /**
   * Where {@code call} runs the code passed directly as its argument {@code argIndex}.
   *
   * @param call a method invocation or {@code new} expression
   */
  public static ThreadHop argument(ExpressionTree call, int argIndex, VisitorState state) {
    return ThreadHopCatalogue.argument(call, argIndex, false, state);
  }

  private static ThreadHop ofClass(TreePath classPath, ThreadHopFlow flow, VisitorState state) {
    TreePath parent = classPath.getParentPath();
    if (parent != null && parent.getLeaf() instanceof NewClassTree) {
      return flow.valueAt(parent);
    }
    // A class declared as a statement of a block is local; member and top-level classes are not.
    return parent != null && parent.getLeaf() instanceof BlockTree
        ? flow.localClassAt(classPath)
        : ThreadHop.UNKNOWN;
  }

  private static boolean isLocalOrAnonymous(TreePath classPath) {
    Tree parent = classPath.getParentPath().getLeaf();
    return parent instanceof NewClassTree || parent instanceof BlockTree;
  }
}
