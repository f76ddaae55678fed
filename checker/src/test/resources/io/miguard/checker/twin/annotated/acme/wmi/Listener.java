package acme.wmi;

import io.miguard.annotations.OperationCallbacks;

/** The callbacks of an asynchronous query. */
@OperationCallbacks
public interface Listener {
  void onRow(Query query, Row row);
}
