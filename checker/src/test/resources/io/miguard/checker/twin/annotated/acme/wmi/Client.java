package acme.wmi;

import io.miguard.annotations.AsyncIfNonNull;
import io.miguard.annotations.ClosesOperation;
import io.miguard.annotations.ClosesSession;
import io.miguard.annotations.DrainsResults;
import io.miguard.annotations.SessionHandle;
import io.miguard.annotations.StartsOperation;
import io.miguard.annotations.StartsOperation.Mode;
import io.miguard.annotations.StartsOperation.Results;

/** A session of the acme wrapper: it starts queries. */
@SessionHandle
public final class Client implements AutoCloseable {
  Client() {}

  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.MULTIPLE, drainWith = "finish")
  public Query select(String wql) {
    return new Query();
  }

  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.SINGLE)
  public Query get(String path) {
    return new Query();
  }

  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public Query lookup(String key, @AsyncIfNonNull Listener listener) {
    return new Query();
  }

  @StartsOperation(mode = Mode.ASYNCHRONOUS)
  public Query watch(String wql, Listener listener) {
    return new Query();
  }

  public static void closeQuietly(@ClosesOperation Query query) {
    query.close();
  }

  public static void consume(@DrainsResults Query query) {
    query.finish();
  }

  @ClosesSession
  @Override
  public void close() {}
}
