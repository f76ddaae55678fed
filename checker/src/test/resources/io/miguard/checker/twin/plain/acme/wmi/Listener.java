package acme.wmi;

/** The callbacks of an asynchronous query. */
public interface Listener {
  void onRow(Query query, Row row);
}
