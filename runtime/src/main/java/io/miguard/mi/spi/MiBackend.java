package io.miguard.mi.spi;

/**
 * The server side of the binding: the embedded in-memory CIM server by default, or a user's own (a
 * test double, say). One backend serves every session of an application.
 */
public interface MiBackend extends AutoCloseable {
  /**
   * Starts one operation. Returns quickly: the backend produces the results on a thread of its own
   * and ends with {@link ResultSink#complete}. Errors (unknown namespace or class, bad query,
   * access denied for {@link OperationRequest#identity()}) are reported through {@code complete},
   * never thrown. A subscription keeps delivering indications until its sink is cancelled.
   */
  void start(OperationRequest request, ResultSink sink);

  /** Stops every running operation (completing each) and releases the backend's threads. */
  @Override
  void close();
}
