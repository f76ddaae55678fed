package io.miguard.checker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.BlockTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MemberReferenceTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.NewClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import io.miguard.checker.analysis.ThreadHop;
import io.miguard.checker.analysis.ThreadHops;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreadHops} through a checker that reports, on every lambda, method reference, anonymous
 * class, local class, and on the methods named {@code probe*}, constructors and initialiser blocks
 * of local and anonymous classes, where that code runs: {@code runs: ANOTHER_THREAD}, {@code runs:
 * SAME_THREAD} or {@code runs: UNKNOWN}.
 */
class ThreadHopsTest {
  /** Reports {@link ThreadHops#of} on every piece of code that can run elsewhere. */
  @BugPattern(summary = "reports where code runs", severity = BugPattern.SeverityLevel.WARNING)
  public static final class ThreadHopReporter extends BugChecker
      implements LambdaExpressionTreeMatcher,
          MemberReferenceTreeMatcher,
          NewClassTreeMatcher,
          ClassTreeMatcher,
          MethodTreeMatcher,
          BlockTreeMatcher {
    @Override
    public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
      return report(tree, state);
    }

    @Override
    public Description matchMemberReference(MemberReferenceTree tree, VisitorState state) {
      return report(tree, state);
    }

    @Override
    public Description matchNewClass(NewClassTree tree, VisitorState state) {
      return tree.getClassBody() == null ? Description.NO_MATCH : report(tree, state);
    }

    @Override
    public Description matchClass(ClassTree tree, VisitorState state) {
      return state.getPath().getParentPath().getLeaf() instanceof BlockTree
          ? report(tree, state)
          : Description.NO_MATCH;
    }

    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      boolean probe = tree.getName().toString().startsWith("probe");
      boolean nestedConstructor =
          tree.getName().contentEquals("<init>")
              && !ASTHelpers.isGeneratedConstructor(tree)
              && state.getPath().getParentPath().getParentPath().getLeaf() instanceof BlockTree;
      return probe || nestedConstructor ? report(tree, state) : Description.NO_MATCH;
    }

    @Override
    public Description matchBlock(BlockTree tree, VisitorState state) {
      return state.getPath().getParentPath().getLeaf() instanceof ClassTree
          ? report(tree, state)
          : Description.NO_MATCH;
    }

    private Description report(Tree tree, VisitorState state) {
      return buildDescription(tree)
          .setMessage("runs: " + ThreadHops.of(state.getPath(), state))
          .build();
    }
  }

  /** Reports, on every call, the indices of the arguments {@link ThreadHops#argument} says hop. */
  @BugPattern(summary = "reports hopping arguments", severity = BugPattern.SeverityLevel.WARNING)
  public static final class HoppingArgumentReporter extends BugChecker
      implements MethodInvocationTreeMatcher, NewClassTreeMatcher {
    @Override
    public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
      return report(tree, tree.getArguments().size(), state);
    }

    @Override
    public Description matchNewClass(NewClassTree tree, VisitorState state) {
      return report(tree, tree.getArguments().size(), state);
    }

    private Description report(ExpressionTree call, int arguments, VisitorState state) {
      List<Integer> hopping = new ArrayList<>();
      for (int i = 0; i < arguments; i++) {
        if (ThreadHops.argument(call, i, state) == ThreadHop.ANOTHER_THREAD) {
          hopping.add(i);
        }
      }
      return hopping.isEmpty()
          ? Description.NO_MATCH
          : buildDescription(call).setMessage("hopping arguments: " + hopping).build();
    }
  }

  @Test
  void onlyTheArgumentsThatCarryCodeHop() {
    CompilationTestHelper.newInstance(HoppingArgumentReporter.class, getClass())
        .setArgs(FailFast.FLAG)
        .addSourceLines(
            "Arguments.java",
            "import io.miguard.annotations.RunsOnAnotherThread;",
            "import java.util.concurrent.*;",
            "class Arguments {",
            "  static void spread(int times, @RunsOnAnotherThread Runnable... tasks) {}",
            "  void hop(ExecutorService pool, Runnable task, Executor executor) throws Exception {",
            "    // BUG: Diagnostic contains: hopping arguments: [0]",
            "    pool.submit(task, \"result\");",
            "    // BUG: Diagnostic contains: hopping arguments: [1]",
            "    new Thread(null, task, \"worker\");",
            "    // BUG: Diagnostic contains: hopping arguments: [0]",
            "    CompletableFuture.supplyAsync(() -> 1, executor);",
            "    // BUG: Diagnostic contains: hopping arguments: [1, 2]",
            "    spread(2, task, task);",
            "    Executors.newFixedThreadPool(2);",
            "    pool.shutdown();",
            "  }",
            "}")
        .doTest();
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(ThreadHopReporter.class, getClass()).setArgs(FailFast.FLAG);

  @Test
  void executorsAndThreadsHop() {
    helper
        .addSourceLines(
            "Hops.java",
            "import java.util.concurrent.*;",
            "class Hops {",
            "  void hop(Executor executor, ExecutorService pool, ScheduledExecutorService timer,",
            "      ThreadFactory factory, CompletionService<Integer> completion) throws Exception"
                + " {",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    executor.execute(() -> work());",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    pool.submit(() -> 1);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    pool.submit(this::work);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    pool.execute(this::work);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    timer.schedule(() -> work(), 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    timer.schedule(() -> 1, 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    timer.scheduleAtFixedRate(() -> work(), 1, 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    timer.scheduleWithFixedDelay(() -> work(), 1, 1, TimeUnit.SECONDS);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    factory.newThread(() -> work());",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    completion.submit(() -> 1);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    new Thread(() -> work()).start();",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    new Thread(null, () -> work(), \"worker\");",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    new Thread(new Runnable() { public void run() { work(); } }).start();",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    new Thread() { public void run() { work(); } }.start();",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    Runtime.getRuntime().addShutdownHook(new Thread(() -> work()));",
            "  }",
            "  void work() {}",
            "}")
        .doTest();
  }

  @Test
  void invokeAllAndInvokeAnyRunTheCollectedTasksElsewhere() {
    helper
        .addSourceLines(
            "Collections.java",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Collections {",
            "  void hop(ExecutorService pool) throws Exception {",
            "    pool.invokeAll(List.of(",
            "        // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "        () -> 1,",
            "        // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "        () -> 2));",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    pool.invokeAny(Arrays.asList(() -> 1));",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    List<Callable<Integer>> tasks = List.of(() -> 3);",
            "    pool.invokeAll(tasks);",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    List<Callable<Integer>> mine = List.of(() -> 4);",
            "    mine.get(0).call();",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    List<Runnable> runnables = List.of(() -> {});",
            "    // BUG: Diagnostic contains: runs: SAME_THREAD",
            "    runnables.forEach(Runnable::run);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void completableFutureAsyncMethodsHopAndTheOthersAreUnknown() {
    helper
        .addSourceLines(
            "Futures.java",
            "import java.util.concurrent.*;",
            "class Futures {",
            "  void hop(CompletableFuture<Integer> future, Executor executor) {",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    CompletableFuture.runAsync(() -> {});",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    CompletableFuture.supplyAsync(() -> 1, executor);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    future.thenApplyAsync(x -> x + 1);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    future.thenAcceptAsync(x -> {}, executor);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    future.thenCombineAsync(future, (a, b) -> a + b);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    future.whenCompleteAsync((x, e) -> {});",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    future.thenApply(x -> x + 1);",
            "    // An executor is not the task: it runs where the async method calls it.",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    CompletableFuture.runAsync(this::work, r -> r.run());",
            "  }",
            "  void work() {}",
            "}")
        .doTest();
  }

  @Test
  void forkJoinTimersAndEventQueuesHop() {
    helper
        .addSourceLines(
            "Others.java",
            "import java.util.Timer;",
            "import java.util.TimerTask;",
            "import java.util.concurrent.*;",
            "class Others {",
            "  void hop(ForkJoinPool forkJoin, Timer timer) {",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    ForkJoinPool.commonPool().execute(() -> {});",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    forkJoin.invoke(new RecursiveAction() { protected void compute() {} });",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    forkJoin.submit(() -> 1);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    timer.schedule(new TimerTask() { public void run() {} }, 10);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    timer.scheduleAtFixedRate(new TimerTask() { public void run() {} }, 10, 10);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    javax.swing.SwingUtilities.invokeLater(() -> {});",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    java.awt.EventQueue.invokeLater(() -> {});",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    new javax.swing.Timer(10, e -> {});",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void threadBuildersHop() {
    assumeTrue(Runtime.version().feature() >= 21, "Thread.Builder is JDK 21+");
    helper
        .addSourceLines(
            "Builders.java",
            "class Builders {",
            "  void hop() {",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    Thread.ofVirtual().start(() -> {});",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    Thread.ofPlatform().name(\"worker\").unstarted(() -> {});",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    Thread.ofVirtual().factory().newThread(() -> {});",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    Thread.startVirtualThread(() -> {});",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void sameThreadApisKeepTheThread() {
    helper
        .addSourceLines(
            "Same.java",
            "import java.util.*;",
            "import java.util.concurrent.ConcurrentHashMap;",
            "import java.util.stream.*;",
            "class Same {",
            "  void stay(Optional<String> name, List<String> list, Map<String, Integer> map,",
            "      ConcurrentHashMap<String, Integer> concurrent, Stream<String> stream) {",
            "    // BUG: Diagnostic contains: runs: SAME_THREAD",
            "    name.ifPresent(n -> {});",
            "    // BUG: Diagnostic contains: runs: SAME_THREAD",
            "    list.forEach(s -> {});",
            "    // BUG: Diagnostic contains: runs: SAME_THREAD",
            "    map.forEach((k, v) -> {});",
            "    // BUG: Diagnostic contains: runs: SAME_THREAD",
            "    map.computeIfAbsent(\"k\", k -> 1);",
            "    // BUG: Diagnostic contains: runs: SAME_THREAD",
            "    list.removeIf(s -> s.isEmpty());",
            "    // BUG: Diagnostic contains: runs: SAME_THREAD",
            "    Objects.requireNonNull(list, () -> \"list\");",
            "    // BUG: Diagnostic contains: runs: SAME_THREAD",
            "    list.stream().filter(s -> !s.isEmpty()).count();",
            "    // BUG: Diagnostic contains: runs: SAME_THREAD",
            "    IntStream.range(0, 3).map(i -> i * 2).sum();",
            "    // BUG: Diagnostic contains: runs: SAME_THREAD",
            "    list.parallelStream().sequential().forEach(s -> {});",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    list.parallelStream().forEach(s -> {});",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    list.stream().parallel().map(s -> s).count();",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    stream.forEach(s -> {});",
            "    // ConcurrentHashMap's bulk forEach with a parallelism threshold is parallel.",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    concurrent.forEach(1, (k, v) -> {});",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    helper(() -> {});",
            "  }",
            "  void helper(Runnable r) {}",
            "}")
        .doTest();
  }

  @Test
  void runAsRunsOnTheCallingThread() {
    helper
        .addSourceLines(
            "Runner.java",
            "import io.miguard.mi.Identity;",
            "import io.miguard.mi.SecurityContext;",
            "class Runner {",
            "  int stay(Identity user) {",
            "    // BUG: Diagnostic contains: runs: SAME_THREAD",
            "    return SecurityContext.runAs(user, () -> 1);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void annotatedMethodsConstructorsAndParametersHop() {
    helper
        .addSourceLines(
            "Background.java",
            "import io.miguard.annotations.RunsOnAnotherThread;",
            "interface Background {",
            "  @RunsOnAnotherThread",
            "  void later(Runnable work);",
            "  void either(Runnable here, @RunsOnAnotherThread Runnable there);",
            "}")
        .addSourceLines(
            "Worker.java",
            "import io.miguard.annotations.RunsOnAnotherThread;",
            "class Worker {",
            "  @RunsOnAnotherThread",
            "  Worker(Runnable work) {}",
            "  @RunsOnAnotherThread",
            "  static void all(Runnable... work) {}",
            "}")
        .addSourceLines(
            "Pool.java",
            "class Pool implements Background {",
            "  @Override public void later(Runnable work) {}",
            "  @Override public void either(Runnable here, Runnable there) {}",
            "}")
        .addSourceLines(
            "User.java",
            "class User {",
            "  void use(Background background, Pool pool) {",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    background.later(() -> {});",
            "    // The annotation on the overridden method covers the override.",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    pool.later(() -> {});",
            "    background.either(",
            "        // BUG: Diagnostic contains: runs: UNKNOWN",
            "        () -> {},",
            "        // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "        () -> {});",
            "    pool.either(",
            "        // BUG: Diagnostic contains: runs: UNKNOWN",
            "        () -> {},",
            "        // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "        () -> {});",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    new Worker(() -> {});",
            "    Worker.all(",
            "        // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "        () -> {},",
            "        // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "        () -> {});",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void userExecutorsAreExecutors() {
    helper
        .addSourceLines(
            "MyPool.java",
            "import java.util.concurrent.*;",
            "abstract class MyPool extends AbstractExecutorService {",
            "  void use() {",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    submit(() -> 1);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    this.execute(() -> {});",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void codeTravelsThroughCastsConditionalsAndFinalLocals() {
    helper
        .addSourceLines(
            "Locals.java",
            "import java.util.concurrent.*;",
            "import java.util.function.Supplier;",
            "class Locals {",
            "  void hop(ExecutorService pool, boolean fast) {",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    pool.submit((Callable<Integer>) () -> 1);",
            "    pool.execute(fast",
            "        // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "        ? () -> {}",
            "        // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "        : () -> {});",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    Runnable task = () -> {};",
            "    pool.execute(task);",
            "    pool.submit(task);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    Runnable viaReference = () -> {};",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    pool.execute(viaReference::run);",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    Runnable first = () -> {};",
            "    Runnable second = first;",
            "    pool.execute(second);",
            "    // Also run here: in the context of that call, not of the declaration.",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    Runnable both = () -> {};",
            "    pool.execute(both);",
            "    both.run();",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    Supplier<Integer> here = () -> 1;",
            "    here.get();",
            "    // Reassigned: not followed.",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    Runnable changing = () -> {};",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    changing = this::toString;",
            "    pool.execute(changing);",
            "    // Used inside another lambda: runs in whatever context that lambda has.",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    Runnable captured = () -> {};",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    pool.execute(() -> captured.run());",
            "    // Never used: never runs.",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    Runnable unused = () -> {};",
            "  }",
            "  // BUG: Diagnostic contains: runs: UNKNOWN",
            "  Runnable field = () -> {};",
            "}")
        .doTest();
  }

  @Test
  void threadObjectsInLocals() {
    helper
        .addSourceLines(
            "Threads.java",
            "class Threads {",
            "  void hop() throws Exception {",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    Thread worker = new Thread() { public void run() {} };",
            "    worker.setDaemon(true);",
            "    worker.start();",
            "    worker.join();",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    Thread direct = new Thread() { public void run() {} };",
            "    direct.run();",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    Thread neverStarted = new Thread() { public void run() {} };",
            "    neverStarted.setDaemon(true);",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void localAndAnonymousClasses() {
    helper
        .addSourceLines(
            "Classes.java",
            "import java.util.concurrent.*;",
            "class Classes {",
            "  void hop(ExecutorService pool) {",
            "    // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "    class Task implements Runnable {",
            "      // BUG: Diagnostic contains: runs: SAME_THREAD",
            "      Task() {}",
            "      @Override public void run() { probeTask(); }",
            "      // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "      void probeTask() {}",
            "    }",
            "    pool.execute(new Task());",
            "    pool.submit(new Task());",
            "    // BUG: Diagnostic contains: runs: UNKNOWN",
            "    class Mixed implements Runnable {",
            "      @Override public void run() {}",
            "    }",
            "    pool.execute(new Mixed());",
            "    new Mixed().run();",
            "    pool.execute(",
            "        // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "        new Runnable() {",
            "          // Runs where the instance is created.",
            "          // BUG: Diagnostic contains: runs: SAME_THREAD",
            "          { }",
            "          @Override public void run() { probeAnonymous(); }",
            "          // BUG: Diagnostic contains: runs: ANOTHER_THREAD",
            "          void probeAnonymous() {}",
            "        });",
            "  }",
            "}")
        .doTest();
  }
}
