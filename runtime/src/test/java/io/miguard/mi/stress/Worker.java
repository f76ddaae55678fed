package io.miguard.mi.stress;

import static com.google.common.truth.Truth.assertThat;

import io.miguard.mi.CancellationReason;
import io.miguard.mi.Identity;
import io.miguard.mi.MiApplication;
import io.miguard.mi.MiException;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;
import io.miguard.mi.OperationOptions;
import io.miguard.mi.stress.Expectation.Retrieval;
import io.miguard.mi.stress.StressCallbacks.Acknowledging;
import io.miguard.mi.stress.StressCallbacks.ClosingInCallback;
import io.miguard.mi.stress.StressOperation.Started;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * One thread of the stress test: starts its share of operations, each of a random kind, mode,
 * identity and session, and drives each through a {@link SyncRun} or {@link AsyncRun}. It also
 * opens a private session every few operations, abandons a few operations in it undrained, checks
 * that the session refuses to close over them (MI rule 7), closes them and then the session, and
 * checks that the closed session refuses new operations.
 */
final class Worker {
  /** Operations per private session. */
  private static final int ROUND = 40;

  private static final int ASYNC_PERCENT = 50;
  private static final int PRIVATE_SESSION_PERCENT = 25;
  private static final int ABANDON_PERCENT = 10;
  private static final int TIMEOUT_PERCENT = 30;
  private static final int OPTIONS_PERCENT = 30;

  private final int index;
  private final int operations;
  private final MiApplication application;
  private final List<MiSession> sharedSessions;
  private final Actor actor;
  private final List<Identity> owners;
  private final WorkerData data;

  private MiSession privateSession;
  private final List<MiOperation> abandonedSync = new ArrayList<>();
  private final List<AsyncRun> abandonedAsync = new ArrayList<>();

  Worker(
      int index,
      long seed,
      int operations,
      MiApplication application,
      List<MiSession> sharedSessions,
      Tally tally,
      ExecutorService helpers) {
    this.index = index;
    this.operations = operations;
    this.application = application;
    this.sharedSessions = sharedSessions;
    Random random = new Random(seed);
    // The demo's two readers of root/security, and this worker's own account, which may not.
    this.owners =
        List.of(
            Identity.process(), Identity.of("CORP\\auditor"), Identity.of("CORP\\worker" + index));
    List<Identity> everyone = new ArrayList<>(owners);
    everyone.add(Identity.of("CORP\\mallory"));
    this.actor = new Actor(random, tally, helpers, new Contexts(random, tally, helpers, everyone));
    this.data = new WorkerData(index);
  }

  /** Runs every operation of this worker, then closes its last private session. */
  void run() throws InterruptedException {
    for (int i = 0; i < operations; i++) {
      if (i % ROUND == 0) {
        renewPrivateSession();
      }
      runOne();
    }
    closePrivateSession();
  }

  private void runOne() throws InterruptedException {
    boolean onPrivate = actor.chance(PRIVATE_SESSION_PERCENT);
    MiSession session =
        onPrivate
            ? privateSession
            : sharedSessions.get(actor.random.nextInt(sharedSessions.size()));
    Identity owner = owners.get(actor.random.nextInt(owners.size()));
    StressOperation kind = StressOperation.choose(actor.random, data);
    boolean async = actor.chance(ASYNC_PERCENT);
    boolean abandon = onPrivate && actor.chance(ABANDON_PERCENT);
    boolean timesOut =
        kind == StressOperation.SUBSCRIBE_SHARE_EVENTS && actor.chance(TIMEOUT_PERCENT);
    OperationOptions options =
        timesOut
            ? OperationOptions.defaults()
                .withTimeout(Duration.ofMillis(5 + actor.random.nextInt(40)))
            : actor.chance(OPTIONS_PERCENT) ? OperationOptions.defaults() : null;
    actor.tally.started(kind, !async);
    if (async) {
      Acknowledging acknowledging =
          Acknowledging.values()[actor.random.nextInt(Acknowledging.values().length)];
      ClosingInCallback closing =
          actor.chance(20)
              ? ClosingInCallback.values()[1 + actor.random.nextInt(2)]
              : ClosingInCallback.NO;
      if (acknowledging != Acknowledging.AUTOMATIC) {
        options =
            (options == null ? OperationOptions.defaults() : options)
                .withManualAcknowledgement(true);
      }
      // An abandoned operation stays open until its session closes: not one closing itself.
      boolean abandonAsync = abandon && closing == ClosingInCallback.NO;
      StressCallbacks callbacks =
          new StressCallbacks(owner, acknowledging, closing, actor.chance(10) ? actor.tally : null);
      OperationOptions chosen = options;
      Started started =
          actor.contexts.as(owner, () -> kind.start(session, owner, data, chosen, callbacks));
      AsyncRun run =
          new AsyncRun(actor, owner, started, callbacks, acknowledging, closing, timesOut);
      if (run.run(abandonAsync)) {
        abandonedAsync.add(run);
      }
    } else {
      OperationOptions chosen = options;
      Started started =
          actor.contexts.as(owner, () -> kind.start(session, owner, data, chosen, null));
      if (new SyncRun(actor, owner, started, timesOut).run(abandon)) {
        abandonedSync.add(started.operation());
      }
    }
  }

  private void renewPrivateSession() throws InterruptedException {
    closePrivateSession();
    privateSession = application.newSession(null, "stress-" + index);
  }

  /**
   * Closes the private session. With operations abandoned in it, the close is refused first (MI
   * rule 7) and changes nothing; their owners then drain and close them (the asynchronous ones'
   * callbacks get their final result), and the session closes. A closed session refuses new
   * operations.
   */
  private void closePrivateSession() throws InterruptedException {
    if (privateSession == null) {
      return;
    }
    MiSession session = privateSession;
    int open = abandonedSync.size() + abandonedAsync.size();
    assertThat(session.openOperationCount()).isEqualTo(open);
    if (open > 0) {
      MiException refusal =
          actor.refused(Violation.CLOSE_SESSION_WITH_OPEN_OPERATIONS, session::close);
      assertThat(refusal.errorMessage()).contains("MI rule 7");
      assertThat(refusal.errorMessage())
          .contains(
              abandonedSync.isEmpty()
                  ? abandonedAsync.get(0).operation().toString()
                  : abandonedSync.get(0).toString());
      assertThat(session.isClosed()).isFalse();
      assertThat(session.openOperationCount()).isEqualTo(open);
    }
    for (MiOperation op : abandonedSync) {
      actor.contexts.as(op.identity(), () -> drainAndClose(op));
      actor.refused(Violation.RETRIEVE_AFTER_CLOSE, () -> Retrievals.retrieveAny(op, actor.random));
    }
    for (AsyncRun run : abandonedAsync) {
      run.closeAbandoned();
    }
    session.close();
    assertThat(session.isClosed()).isTrue();
    assertThat(session.openOperationCount()).isEqualTo(0);
    abandonedSync.clear();
    abandonedAsync.clear();
    MiSession closed = privateSession;
    actor.refused(
        Violation.START_ON_CLOSED_SESSION,
        () -> StressOperation.TEST_CONNECTION.start(closed, Identity.process(), data, null, null));
    privateSession = null;
  }

  /** Cancels an abandoned synchronous operation, retrieves up to its final result, closes it. */
  private static void drainAndClose(MiOperation op) {
    if (!op.isDrained()) {
      op.cancel(CancellationReason.NONE);
      Retrieval retrieval =
          switch (op.kind()) {
            case SUBSCRIBE -> Retrieval.INDICATION;
            case GET_CLASS, ENUMERATE_CLASSES -> Retrieval.CLASS;
            default -> Retrieval.INSTANCE;
          };
      while (Retrievals.retrieve(op, retrieval).more()) {
        // discard what was left
      }
    }
    op.close();
    assertThat(op.isClosed()).isTrue();
  }
}
