package io.miguard.mi;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static io.miguard.mi.AsynchronousOperationTest.waitUntil;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.miguard.mi.RecordingCallbacks.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Several threads start, drain, cancel and close hundreds of operations on shared sessions, while
 * another thread cancels operations they started. Proves: no deadlock (every wait is bounded), no
 * result lost or duplicated (each operation's results are exactly its backend's, in order, and no
 * two operations share results), and that closing the application releases every operation and
 * thread.
 */
class ConcurrencyTest {
  private static final String NS = "root/fake";
  private static final int WORKERS = 8;
  private static final int OPERATIONS_PER_WORKER = 150;
  private static final int SCENARIOS = 6;

  private final FakeBackend backend = new FakeBackend();
  private final MiApplication app = MiApplication.initialize("concurrency-test", backend);
  private final List<MiSession> sessions =
      List.of(app.newSession(null, null), app.newSession(null, null), app.newSession(null, null));
  private final Set<Long> seenOperations = ConcurrentHashMap.newKeySet();
  private final BlockingQueue<MiOperation> toCancel = new LinkedBlockingQueue<>();
  private final AtomicInteger leftOpen = new AtomicInteger();
  private final AtomicInteger resultsChecked = new AtomicInteger();

  @RepeatedTest(3)
  void manyThreadsOnSharedSessionsNeitherDeadlockNorLoseResultsNorLeak() throws Exception {
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS + 1);
    Future<?> canceller = workers.submit(this::cancelWhatIsHandedOver);
    List<Future<?>> runs = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      int worker = w;
      runs.add(workers.submit(() -> work(worker)));
    }
    for (Future<?> run : runs) {
      run.get(40, TimeUnit.SECONDS); // rethrows a worker's assertion failure
    }
    canceller.cancel(true);
    workers.shutdownNow();
    assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(app.openOperationCount()).isEqualTo(leftOpen.get());
    assertThat(resultsChecked.get()).isGreaterThan(WORKERS * OPERATIONS_PER_WORKER);

    app.close();

    assertThat(app.openOperationCount()).isEqualTo(0);
    assertThat(app.openSessionCount()).isEqualTo(0);
    for (MiSession session : sessions) {
      assertThat(session.openOperationCount()).isEqualTo(0);
    }
    assertThat(app.awaitTermination(Duration.ofSeconds(10))).isTrue();
    waitUntil(() -> backend.liveThreadCount() == 0);
    waitUntil(() -> liveThreadsNamed("miguard-concurrency-test-") == 0);
    waitUntil(() -> liveThreadsNamed(FakeBackend.THREAD_PREFIX) == 0);
  }

  private void work(int worker) {
    Identity own = Identity.of("worker" + worker);
    for (int i = 0; i < OPERATIONS_PER_WORKER; i++) {
      MiSession session = sessions.get((worker + i) % sessions.size());
      int count = 1 + (worker * 7 + i) % 20;
      try {
        switch ((worker + i) % SCENARIOS) {
          case 0 -> drainWithALoop(session, count);
          case 1 -> cancelMidwayThenDrain(session, count);
          case 2 -> receiveAsynchronously(session, count);
          case 3 -> closeARunningAsynchronousOperation(session);
          case 4 -> SecurityContext.runAs(own, () -> drainAsAndRefuseOthers(session, count, own));
          default -> handBlockingOperationToTheCanceller(session, i);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  private void drainWithALoop(MiSession session, int count) {
    MiOperation op = session.enumerateInstances(NS, "Count" + count);
    List<MiInstance> instances = new ArrayList<>();
    InstanceResult result;
    do {
      result = op.getInstance();
      if (result.instance() != null) {
        instances.add(result.instance().cloneInstance()); // valid until the next retrieval
      }
    } while (result.moreResults());
    assertThat(result.resultCode()).isEqualTo(MiResult.OK);
    checkExactlyTheBackendsResults(instances, count);
    op.close();
  }

  private void cancelMidwayThenDrain(MiSession session, int count) {
    MiOperation op = session.queryInstances(NS, "WQL", "Count" + (count + 1));
    InstanceResult first = op.getInstance();
    assertThat(first.instance().get("Id")).isEqualTo(0L);
    op.cancel(CancellationReason.NONE);
    assertThat(assertThrows(MiException.class, op::close).result()).isEqualTo(MiResult.FAILED);
    InstanceResult last = op.getInstance();
    assertThat(last.moreResults()).isFalse();
    assertThat(last.errorMessage()).contains("cancelled");
    op.close();
    resultsChecked.incrementAndGet();
  }

  private void receiveAsynchronously(MiSession session, int count) throws InterruptedException {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    MiOperation op = session.enumerateInstances(NS, "Count" + count, callbacks);
    Delivery last = callbacks.awaitFinal();
    assertThat(last.resultCode()).isEqualTo(MiResult.OK);
    checkExactlyTheBackendsResults(
        callbacks.payloads().stream().map(MiInstance.class::cast).toList(), count);
    op.close();
  }

  private void closeARunningAsynchronousOperation(MiSession session) throws InterruptedException {
    RecordingCallbacks callbacks = new RecordingCallbacks();
    MiOperation op = session.subscribe(NS, "WQL", "events", callbacks);
    op.close();
    Delivery last = callbacks.awaitFinal();
    assertThat(last.resultCode()).isEqualTo(MiResult.FAILED);
    assertThat(callbacks.deliveries.stream().filter(d -> !d.moreResults()).count()).isEqualTo(1);
    resultsChecked.incrementAndGet();
  }

  private void drainAsAndRefuseOthers(MiSession session, int count, Identity own) {
    MiOperation op = session.enumerateInstances(NS, "Count" + count);
    checkExactlyTheBackendsResults(op.drainInstances(), count);
    MiException refused =
        assertThrows(
            MiException.class, () -> SecurityContext.runAs(Identity.of("intruder"), op::close));
    assertThat(refused.result()).isEqualTo(MiResult.ACCESS_DENIED);
    assertThat(op.identity()).isEqualTo(own);
    op.close();
  }

  private void handBlockingOperationToTheCanceller(MiSession session, int i) {
    MiOperation op = session.enumerateInstances(NS, FakeBackend.BLOCKING_CLASS);
    if (i % 4 == 0) {
      // Left undrained on purpose: the application close must release it.
      leftOpen.incrementAndGet();
      return;
    }
    toCancel.add(op);
    // Blocks until the canceller thread cancels it; then this is the cancelled final result.
    assertThat(op.drainInstances()).isEmpty();
    op.close();
    resultsChecked.incrementAndGet();
  }

  private void cancelWhatIsHandedOver() {
    try {
      while (true) {
        toCancel.take().cancel(CancellationReason.SHUTDOWN);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The instances are the backend's for one operation: ids 0..count-1 in order, never seen. */
  private void checkExactlyTheBackendsResults(List<MiInstance> instances, int count) {
    assertThat(instances.stream().map(instance -> instance.get("Id")).toList())
        .containsExactlyElementsIn(LongStream.range(0, count).boxed().toList())
        .inOrder();
    List<Object> serials =
        instances.stream().map(instance -> instance.get("Operation")).distinct().toList();
    assertThat(serials).hasSize(1);
    assertWithMessage("results of operation %s delivered twice", serials.get(0))
        .that(seenOperations.add((Long) serials.get(0)))
        .isTrue();
    resultsChecked.addAndGet(count);
  }

  private static long liveThreadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .count();
  }
}
