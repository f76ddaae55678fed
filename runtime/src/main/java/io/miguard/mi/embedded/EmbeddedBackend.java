package io.miguard.mi.embedded;

import io.miguard.mi.MiResult;
import io.miguard.mi.spi.MiBackend;
import io.miguard.mi.spi.OperationRequest;
import io.miguard.mi.spi.ResultSink;

/**
 * The embedded in-memory CIM server. This first version only establishes the entry points ({@link
 * #withDemoData()}, {@link #empty()}); operations complete with {@link MiResult#NOT_SUPPORTED}
 * until the repository, queries, associations, methods and subscriptions land.
 */
public final class EmbeddedBackend implements MiBackend {
  private volatile boolean closed;

  private EmbeddedBackend() {}

  /**
   * A backend with the demo namespaces {@code root}, {@code root/cimv2} and {@code root/security}.
   */
  public static EmbeddedBackend withDemoData() {
    return new EmbeddedBackend();
  }

  /** A backend with no namespaces, classes or instances. */
  public static EmbeddedBackend empty() {
    return new EmbeddedBackend();
  }

  @Override
  public void start(OperationRequest request, ResultSink sink) {
    Thread worker =
        new Thread(
            () -> {
              if (closed) {
                sink.complete(null, MiResult.SERVER_IS_SHUTTING_DOWN, "backend closed", null);
              } else {
                sink.complete(
                    null, MiResult.NOT_SUPPORTED, request.kind() + " is not implemented yet", null);
              }
            },
            "miguard-backend");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void close() {
    closed = true;
  }
}
