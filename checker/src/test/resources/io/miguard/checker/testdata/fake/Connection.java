package fake;

import io.miguard.annotations.AsyncIfNonNull;
import io.miguard.annotations.ClosesOperation;
import io.miguard.annotations.DrainsResults;
import io.miguard.annotations.StartsOperation;
import io.miguard.annotations.StartsOperation.Mode;
import io.miguard.annotations.StartsOperation.Results;

/** The user's session type. */
public final class Connection {
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.MULTIPLE)
  public Query select(String what) {
    return new Query(null);
  }

  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public Query lookup(String key, @AsyncIfNonNull Runnable whenDone) {
    return new Query(null);
  }

  @StartsOperation(mode = Mode.ASYNCHRONOUS)
  public Query watch(String what) {
    return new Query(null);
  }

  public static void closeQuietly(@ClosesOperation Query query) {
    query.close();
  }

  public static void consume(@DrainsResults Query query) {
    query.finish();
  }
}
