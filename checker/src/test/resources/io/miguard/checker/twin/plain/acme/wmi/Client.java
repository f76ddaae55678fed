package acme.wmi;

/** A session of the acme wrapper: it starts queries. */
public final class Client implements AutoCloseable {
  Client() {}

  public Query select(String wql) {
    return new Query();
  }

  public Query get(String path) {
    return new Query();
  }

  public Query lookup(String key, Listener listener) {
    return new Query();
  }

  public Query watch(String wql, Listener listener) {
    return new Query();
  }

  public static void closeQuietly(Query query) {
    query.close();
  }

  public static void consume(Query query) {
    query.finish();
  }

  @Override
  public void close() {}
}
