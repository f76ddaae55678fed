package acme.wmi;

/** Something that takes a query and reads all its results. */
public interface Sink {
  void take(Query query);
}
