package io.miguard.mi.embedded;

import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One SUBSCRIBE operation: listens to the repository from the moment it is created (so that a
 * change made right after {@code start} returns is reported), and on its backend thread turns each
 * change in its namespace into an indication, delivering those that match the query.
 *
 * <p>{@code WITHIN n} is accepted but not needed: indications are delivered as soon as the change
 * happens rather than after polling. The bookmark is the change's sequence number; the machine id
 * is the backend's machine name. The subscription ends only when its consumer cancels or closes it
 * (final result FAILED with {@link Delivery#CANCELLED}) or the backend closes.
 *
 * <p>Changes wait in an unbounded queue while the consumer is slow to take indications: the
 * repository must never wait for a subscriber.
 */
final class Subscription implements OperationHandler {
  /** How often an idle subscription looks whether its consumer cancelled it. */
  private static final long IDLE_POLL_MILLIS = 50;

  private final CompiledQuery query;
  private final CimRepository repository;
  private final String machineId;
  private final BlockingQueue<RepositoryChange> changes = new LinkedBlockingQueue<>();
  private final CimRepository.Registration registration;

  Subscription(CompiledQuery query, CimRepository repository, String machineId) {
    this.query = query;
    this.repository = repository;
    this.machineId = machineId;
    this.registration =
        repository.addListener(
            change -> {
              if (change.namespace().equalsIgnoreCase(query.namespace())) {
                changes.add(change);
              }
            });
  }

  @Override
  public void run(Delivery delivery) throws InterruptedException {
    try {
      while (!delivery.isStopped()) {
        RepositoryChange change = changes.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (change == null) {
          continue;
        }
        MiInstance indication = Indications.of(change);
        if (isA(indication.className())
            && query.matches(indication)
            && !delivery.indication(
                query.project(indication), Long.toString(change.sequence()), machineId)) {
          break;
        }
      }
    } finally {
      registration.close();
    }
    if (Thread.currentThread().isInterrupted()) {
      delivery.complete(null, MiResult.SERVER_IS_SHUTTING_DOWN, RunningOperation.SHUT_DOWN);
    }
    delivery.complete(null, MiResult.FAILED, Delivery.CANCELLED);
  }

  /** Whether an indication of {@code eventClass} answers the query's FROM class. */
  private boolean isA(String eventClass) {
    return repository.isA(query.namespace(), eventClass, query.className());
  }

  @Override
  public void abandon() {
    registration.close();
  }
}
