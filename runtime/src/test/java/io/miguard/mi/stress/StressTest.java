package io.miguard.mi.stress;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.miguard.mi.MiApplication;
import io.miguard.mi.MiSession;
import io.miguard.mi.embedded.EmbeddedBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The binding under load: many threads start thousands of operations of every kind, synchronous and
 * asynchronous, as several identities, on shared and private sessions, and drive them through
 * random orders of retrieval, drain, cancel (also from other threads) and close, committing every
 * rule violation on the way. Afterwards nothing is left: no open operation in the binding, no
 * running operation in the backend, no callback or backend thread once the application is closed.
 * Every step is bounded in time, so a hang fails the test instead of stalling the build.
 *
 * <p>Seeded: a failure names the seed that reproduces the same decisions ({@link StressConfig});
 * system properties also raise the load.
 */
class StressTest {
  private static final Duration SETTLE = Duration.ofSeconds(10);

  @Test
  void manyThreadsEveryOperationKindEveryViolationNothingLeftNothingHung() throws Exception {
    StressConfig config = StressConfig.fromSystemProperties();
    System.out.println("StressTest: " + config);
    try {
      run(config);
    } catch (Throwable failure) {
      throw new AssertionError("stress test failed; reproduce with " + config, failure);
    }
  }

  private static void run(StressConfig config) throws Exception {
    EmbeddedBackend backend = EmbeddedBackend.withDemoData();
    MiApplication application = MiApplication.initialize("stress", backend);
    ExecutorService workers = Executors.newFixedThreadPool(config.threads());
    ExecutorService helpers = Executors.newCachedThreadPool();
    Tally tally = new Tally();
    long started = System.nanoTime();
    try {
      List<MiSession> shared =
          List.of(
              application.newSession(null, null),
              application.newSession("WINRM", "localhost"),
              application.newSession(null, null));
      List<Future<?>> runs = new ArrayList<>();
      for (int w = 0; w < config.threads(); w++) {
        Worker worker =
            new Worker(
                w,
                config.seed() * 31 + w,
                config.operationsPerWorker(),
                application,
                shared,
                tally,
                helpers);
        runs.add(
            workers.submit(
                () -> {
                  worker.run();
                  return null;
                }));
      }
      awaitAll(runs, deadline(config));

      // Every operation was closed by its owner, or by the close of its private session.
      for (MiSession session : shared) {
        assertWithMessage("open operations of %s", session)
            .that(session.openOperationCount())
            .isEqualTo(0);
      }
      assertThat(application.openOperationCount()).isEqualTo(0);
      assertThat(application.openSessionCount()).isEqualTo(shared.size());
      // The backend lets go of every operation once its consumer closed it.
      awaitTrue(
          "the backend's running operations reach zero",
          () -> backend.runningOperationCount() == 0);

      for (MiSession session : shared) {
        session.close();
      }
      assertThat(application.openSessionCount()).isEqualTo(0);
      application.close();
      assertThat(application.isClosed()).isTrue();
      assertThat(application.awaitTermination(SETTLE)).isTrue();
      assertThat(application.activeCallbackThreadCount()).isEqualTo(0);
      assertThat(backend.isClosed()).isTrue();
      assertThat(backend.awaitTermination(SETTLE)).isTrue();
      awaitTrue("the backend's threads end", () -> backend.liveThreadCount() == 0);
    } finally {
      application.close(); // releases whatever a failed run left, so that nothing hangs on
      workers.shutdownNow();
      helpers.shutdownNow();
    }
    System.out.printf(
        "StressTest: %d operations on %d threads in %.1f s%n%s%n",
        config.operationsPerWorker() * config.threads(),
        config.threads(),
        (System.nanoTime() - started) / 1e9,
        tally);
    checkCoverage(tally);
  }

  /** The random mix reached every kind of operation in both modes, and every violation. */
  private static void checkCoverage(Tally tally) {
    Map<String, Long> started = tally.started();
    for (StressOperation kind : StressOperation.values()) {
      assertWithMessage("synchronous %s started", kind).that(started).containsKey(kind + " sync");
      assertWithMessage("asynchronous %s started", kind).that(started).containsKey(kind + " async");
    }
    Map<String, Long> refusals = tally.refusals();
    for (Violation violation : Violation.values()) {
      assertWithMessage("refusals of %s", violation)
          .that(refusals)
          .containsKey(violation + " -> " + violation.expected);
    }
  }

  /** Long enough for a slow shared machine, short enough to fail a hang in reasonable time. */
  private static Duration deadline(StressConfig config) {
    return Duration.ofSeconds(60).plusMillis(20L * config.operations());
  }

  private static void awaitAll(List<Future<?>> runs, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    for (int i = 0; i < runs.size(); i++) {
      try {
        runs.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new AssertionError("worker " + i + " failed", e.getCause());
      } catch (TimeoutException e) {
        throw new AssertionError(
            "worker " + i + " did not finish within " + limit + "; threads:\n" + threadDump());
      }
    }
  }

  private static void awaitTrue(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (!condition.getAsBoolean()) {
      assertWithMessage(what + " within " + SETTLE).that(System.nanoTime() < deadline).isTrue();
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  private static String threadDump() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(
            entry ->
                entry.getKey().getName().startsWith("pool-")
                    || entry.getKey().getName().startsWith("miguard-"))
        .map(
            entry ->
                entry.getKey().getName()
                    + "\n    "
                    + Arrays.stream(entry.getValue())
                        .limit(12)
                        .map(Object::toString)
                        .collect(Collectors.joining("\n    ")))
        .collect(Collectors.joining("\n"));
  }
}
