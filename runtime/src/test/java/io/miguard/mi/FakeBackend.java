package io.miguard.mi;

import io.miguard.mi.spi.MiBackend;
import io.miguard.mi.spi.OperationKind;
import io.miguard.mi.spi.OperationRequest;
import io.miguard.mi.spi.ResultSink;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scriptable, deterministic backend for the binding's rule tests. What an operation does is
 * decided by its request, so that tests read naturally:
 *
 * <ul>
 *   <li>namespace {@value #MISSING_NAMESPACE}: fails with INVALID_NAMESPACE and a {@code CIM_Error}
 *       completion details instance;
 *   <li>class {@code CountN} (enumerate, query text {@code CountN}, associators/references result
 *       class): N instances, then OK; other multi-instance operations deliver {@value
 *       #DEFAULT_COUNT};
 *   <li>class {@value #BLOCKING_CLASS}: delivers nothing until cancelled;
 *   <li>single-result operations: one instance echoing the request (the request's instance, if any,
 *       embedded as {@code Echo}), then OK;
 *   <li>class operations: {@code CountN} classes for enumerate classes, one class for get class;
 *   <li>subscribe: an indication every {@value #INDICATION_PERIOD_MILLIS} ms until cancelled.
 * </ul>
 *
 * Every instance carries the key {@code Id} (its index) and {@code Operation} (a serial number
 * unique per started operation), so tests can prove that no result is lost or duplicated. Each
 * operation runs on its own daemon thread named {@code fake-backend-N}.
 */
final class FakeBackend implements MiBackend {
  static final String MISSING_NAMESPACE = "root/missing";
  static final String BLOCKING_CLASS = "Blocking";
  static final int DEFAULT_COUNT = 3;
  static final long INDICATION_PERIOD_MILLIS = 5;
  static final String THREAD_PREFIX = "fake-backend-";

  private final AtomicLong serials = new AtomicLong();
  private final AtomicInteger threadNumbers = new AtomicInteger();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final List<OperationRequest> requests = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** Every request started so far, in order. */
  List<OperationRequest> requests() {
    return requests;
  }

  /** The threads still producing results. */
  int liveThreadCount() {
    threads.removeIf(thread -> !thread.isAlive());
    return threads.size();
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void start(OperationRequest request, ResultSink sink) {
    requests.add(request);
    if (closed) {
      sink.complete(null, MiResult.SERVER_IS_SHUTTING_DOWN, "the backend is closed", null);
      return;
    }
    long serial = serials.incrementAndGet();
    Thread thread =
        new Thread(
            () -> {
              try {
                run(request, serial, sink);
              } catch (InterruptedException e) {
                sink.complete(null, MiResult.FAILED, "the backend is shutting down", null);
              } finally {
                threads.remove(Thread.currentThread());
              }
            },
            THREAD_PREFIX + threadNumbers.incrementAndGet());
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  @Override
  public void close() {
    closed = true;
    for (Thread thread : threads) {
      thread.interrupt();
    }
  }

  private static void run(OperationRequest request, long serial, ResultSink sink)
      throws InterruptedException {
    if (MISSING_NAMESPACE.equals(request.namespace())) {
      sink.complete(
          null,
          MiResult.INVALID_NAMESPACE,
          "namespace " + request.namespace() + " does not exist",
          MiInstance.builder("CIM_Error")
              .property("Message", "no namespace " + request.namespace())
              .build());
      return;
    }
    if (BLOCKING_CLASS.equals(subject(request))) {
      while (!sink.isCancelled()) {
        Thread.sleep(1);
      }
      sink.complete(null, MiResult.FAILED, "stopped by the binding", null);
      return;
    }
    OperationKind kind = request.kind();
    switch (kind) {
      case SUBSCRIBE -> {
        long index = 0;
        while (sink.indication(item("Fake_Event", index++, serial), "bookmark-" + index, "fake")) {
          Thread.sleep(INDICATION_PERIOD_MILLIS);
        }
        sink.complete(null, MiResult.FAILED, "subscription stopped", null);
      }
      case GET_CLASS -> sink.complete(fakeClass(request.className()), MiResult.OK, null, null);
      case ENUMERATE_CLASSES -> {
        int count = count(request.className());
        for (int i = 0; i < count; i++) {
          if (!sink.cimClass(fakeClass("Fake_Class" + i))) {
            break;
          }
        }
        sink.complete(null, MiResult.OK, null, null);
      }
      default -> {
        if (kind.multipleResults()) {
          int count = count(subject(request));
          String className = subject(request) == null ? "Fake_Item" : subject(request);
          for (int i = 0; i < count; i++) {
            if (!sink.instance(item(className, i, serial))) {
              break;
            }
          }
          sink.complete(null, MiResult.OK, null, null);
        } else {
          MiInstance echo =
              MiInstance.builder("Fake_" + kind)
                  .key("Id", 0)
                  .property("Operation", serial)
                  .property("Identity", request.identity().name())
                  .property("Method", request.methodName())
                  .property("Echo", request.instance())
                  .build();
          sink.complete(echo, MiResult.OK, null, null);
        }
      }
    }
  }

  /** The class name or query text that scripts the operation. */
  private static String subject(OperationRequest request) {
    return switch (request.kind()) {
      case QUERY_INSTANCES, SUBSCRIBE -> request.query();
      case ASSOCIATOR_INSTANCES, REFERENCE_INSTANCES -> request.resultClass();
      default -> request.className();
    };
  }

  private static int count(String subject) {
    if (subject != null && subject.startsWith("Count")) {
      return Integer.parseInt(subject.substring("Count".length()));
    }
    return DEFAULT_COUNT;
  }

  static MiInstance item(String className, long index, long serial) {
    return MiInstance.builder(className).key("Id", index).property("Operation", serial).build();
  }

  private static MiClass fakeClass(String name) {
    return new MiClass(
        name, null, "root/fake", List.of(new MiClass.Property("Id", "uint32", true)), List.of());
  }
}
