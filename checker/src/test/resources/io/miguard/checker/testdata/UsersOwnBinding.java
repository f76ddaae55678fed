import fake.Connection;
import fake.Query;
import fake.Row;

/** Code written against the user's own annotated binding. */
class UsersOwnBinding {
  void drainedByTheAccessorLoop(Connection c) {
    Query q = c.select("everything");
    Row row;
    do {
      row = q.fetch();
    } while (row.pending());
    q.close();
  }

  void notDrained(Connection c) {
    Query q = c.select("everything");
    q.fetch();
    // BUG: Diagnostic contains: 'q' (started on line 17) is closed before its final result is retrieved
    q.close();
  }

  void drainedByIteration(Connection c) {
    try (Query q = c.select("everything")) {
      for (String value : q.rows()) {
        System.out.println(value);
      }
    }
  }

  void drainedByReceiverMethod(Connection c) {
    Query q = c.select("everything");
    q.finish();
    q.close();
  }

  void drainedByParameter(Connection c) {
    Query q = c.select("everything");
    Connection.consume(q);
    Connection.closeQuietly(q);
  }

  void closedThroughAParameterUndrained(Connection c) {
    Query q = c.select("everything");
    q.abort();
    // BUG: Diagnostic contains: 'q' (started on line 44) is closed before its final result is retrieved: no path to this close drains it. The cancel on line 45 does not drain it
    Connection.closeQuietly(q);
  }

  void singleResultLookup(Connection c) {
    Query q = c.lookup("key", null);
    q.fetch();
    q.close();
  }

  void singleResultLookupNeverFetched(Connection c) {
    Query q = c.lookup("key", null);
    // BUG: Diagnostic contains: 'q' (started on line 57) is closed
    q.close();
  }

  void asynchronous(Connection c) {
    Query q = c.lookup("key", () -> {});
    q.close();
    Query w = c.watch("changes");
    w.close();
  }

  void closedByMethodReference(Connection c, java.util.List<Runnable> later) {
    Query q = c.select("everything");
    later.add(q::close); // may run after a drain: the operation escapes
  }
}
