package io.miguard.mi;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * MI rule 5 at run time: a result's instance, class and completion details are borrowed until the
 * next retrieval or close (for a callback, until it returns); reading one later throws, and a clone
 * taken before then, a drain and a for-each hand out owned copies.
 */
class BorrowedResultTest {
  private static final String NS = "root/fake";

  private FakeBackend backend;
  private MiApplication app;
  private MiSession session;

  @BeforeEach
  void open() {
    backend = new FakeBackend();
    app = MiApplication.initialize("borrowed-test", backend);
    session = app.newSession(null, null);
  }

  @AfterEach
  void close() {
    app.close();
  }

  /** Checks that {@code read} is refused as a read of a released result of {@code op}. */
  private static MiException assertReleased(MiOperation op, String releasedBy, Executable read) {
    MiException error = assertThrows(MiException.class, read);
    assertThat(error.result()).isEqualTo(MiResult.FAILED);
    assertThat(error.errorMessage()).contains("was read after it was released");
    assertThat(error.errorMessage()).contains("borrowed from a result of " + op);
    assertThat(error.errorMessage()).contains(releasedBy);
    assertThat(error.errorMessage()).contains("MI rule 5");
    assertThat(error.errorMessage()).contains("clone it to keep it");
    return error;
  }

  @Test
  void everyReadOfAnInstanceAfterTheNextRetrievalThrows() {
    MiOperation op = session.enumerateInstances(NS, "Count3");
    InstanceResult first = op.getInstance();
    MiInstance borrowed = first.instance();
    Map<String, Object> properties = borrowed.properties();
    MiInstance copy = borrowed.cloneInstance();
    assertThat(borrowed.get("Id")).isEqualTo(0L);
    assertThat(borrowed.isBorrowed()).isTrue();
    assertThat(borrowed).isEqualTo(copy); // owned or borrowed does not matter to equality
    assertThat(borrowed.hashCode()).isEqualTo(copy.hashCode());

    op.getInstance();

    assertThat(borrowed.isReleased()).isTrue();
    String released = "the next retrieval (getInstance()) from the operation released it";
    List<Executable> reads =
        List.of(
            () -> borrowed.get("Id"),
            borrowed::className,
            borrowed::namespace,
            () -> borrowed.has("Id"),
            borrowed::properties,
            borrowed::keyNames,
            borrowed::cloneInstance,
            borrowed::toBuilder,
            borrowed::hashCode,
            () -> borrowed.equals(copy),
            () -> copy.equals(borrowed),
            () -> properties.get("Id"),
            properties::size,
            properties::entrySet);
    for (Executable read : reads) {
      assertReleased(op, released, read);
    }
    MiException error = assertReleased(op, released, () -> borrowed.get("Id"));
    assertThat(error.errorMessage()).contains("the borrowed instance of Count3 (get(\"Id\"))");
    // toString never throws: it says what happened instead.
    assertThat(borrowed.toString()).startsWith("Count3{<released: borrowed from a result of ");
    // The copy taken before the retrieval is owned and stays valid, also after the close.
    assertThat(copy.isBorrowed()).isFalse();
    op.drainInstances();
    op.close();
    assertThat(copy.get("Id")).isEqualTo(0L);
    assertThat(copy.toString()).isEqualTo("Count3{Id=0, Operation=" + copy.get("Operation") + "}");
  }

  @Test
  void theFinalResultsInstanceIsValidUntilCloseAndNotAfter() {
    MiOperation op = session.testConnection();
    MiInstance echo = op.getInstance().instance();
    assertThat(echo.get("Identity")).isEqualTo("SYSTEM"); // valid until close
    assertThat(op.isDrained()).isTrue();
    assertThat(echo.isReleased()).isFalse();

    op.close();

    assertReleased(op, "the operation was closed", () -> echo.get("Identity"));
  }

  @Test
  void drainsAndForEachHandOutOwnedCopies() {
    List<MiInstance> drained;
    try (MiOperation op = session.enumerateInstances(NS, "Count3")) {
      drained = op.drainInstances();
    }
    List<MiInstance> iterated = new ArrayList<>();
    try (MiOperation op = session.enumerateInstances(NS, "Count2")) {
      for (MiInstance instance : op.instances()) {
        iterated.add(instance);
      }
    }
    List<MiClass> classes;
    try (MiOperation op = session.enumerateClasses(NS, "Count2", false)) {
      classes = op.drainClasses();
    }
    assertThat(drained.stream().map(instance -> instance.get("Id")).toList())
        .containsExactly(0L, 1L, 2L)
        .inOrder();
    assertThat(iterated.stream().map(instance -> instance.get("Id")).toList())
        .containsExactly(0L, 1L)
        .inOrder();
    assertThat(classes.stream().map(MiClass::className).toList())
        .containsExactly("Fake_Class0", "Fake_Class1")
        .inOrder();
    assertThat(drained.get(0).isBorrowed()).isFalse();
    assertThat(classes.get(0).isBorrowed()).isFalse();
  }

  @Test
  void aClassIsBorrowedLikeAnInstanceAndCloneClassKeepsIt() {
    MiOperation op = session.enumerateClasses(NS, "Count2", false);
    MiClass borrowed = op.getCimClass().cimClass();
    MiClass copy = borrowed.cloneClass();
    assertThat(borrowed.className()).isEqualTo("Fake_Class0");

    op.getCimClass();

    String released = "the next retrieval (getCimClass()) from the operation released it";
    for (Executable read :
        List.<Executable>of(
            borrowed::className,
            borrowed::superClassName,
            borrowed::namespace,
            borrowed::properties,
            borrowed::methods,
            borrowed::cloneClass)) {
      assertReleased(op, released, read);
    }
    assertThat(borrowed.toString()).contains("<released: borrowed from a result of " + op);
    op.drainClasses();
    op.close();
    assertThat(copy.className()).isEqualTo("Fake_Class0");
    assertThat(copy.properties()).hasSize(1);
  }

  @Test
  void completionDetailsAreBorrowedButTheDrainsExceptionCarriesACopy() {
    MiOperation op = session.enumerateInstances(FakeBackend.MISSING_NAMESPACE, "Count1");
    InstanceResult last = op.getInstance();
    MiInstance details = last.completionDetails();
    assertThat(details.get("Message")).isEqualTo("no namespace root/missing");
    op.close();
    assertReleased(op, "the operation was closed", () -> details.get("Message"));

    MiException failure;
    try (MiOperation drained =
        session.enumerateInstances(FakeBackend.MISSING_NAMESPACE, "Count1")) {
      failure = assertThrows(MiException.class, drained::drainInstances);
    }
    assertThat(failure.result()).isEqualTo(MiResult.INVALID_NAMESPACE);
    assertThat(failure.errorDetails().isBorrowed()).isFalse();
    assertThat(failure.errorDetails().get("Message")).isEqualTo("no namespace root/missing");
  }

  @Test
  void embeddedInstancesReadFromABorrowedOneAreBorrowedTooAndCloneCopiesThem() {
    MiInstance keys = MiInstance.builder("Fake_Thing").key("Name", "x").build();
    MiOperation op = session.getInstance(NS, keys);
    MiInstance echo = op.getInstance().instance();
    MiInstance embedded = (MiInstance) echo.get("Echo");
    MiInstance copy = echo.cloneInstance();
    assertThat(embedded.isBorrowed()).isTrue();
    assertThat(embedded.get("Name")).isEqualTo("x");

    op.close();

    assertReleased(op, "the operation was closed", () -> embedded.get("Name"));
    MiInstance copiedEmbedded = (MiInstance) copy.get("Echo");
    assertThat(copiedEmbedded.isBorrowed()).isFalse();
    assertThat(copiedEmbedded.get("Name")).isEqualTo("x");
  }

  @Test
  void aBorrowedInstancePassedOnIsCopiedWhileValidAndRefusedOnceReleased() {
    MiOperation source = session.enumerateInstances(NS, "Count2");
    MiInstance first = source.getInstance().instance();
    // Passing it on while it is valid: the operation keeps its own copy.
    MiOperation get = session.getInstance(NS, first);
    MiInstance built = MiInstance.builder("Holder").property("Item", first).build();
    source.getInstance(); // releases first

    assertThat(backend.requests().get(1).instance().isBorrowed()).isFalse();
    assertThat(backend.requests().get(1).instance().get("Id")).isEqualTo(0L);
    assertThat(((MiInstance) built.get("Item")).get("Id")).isEqualTo(0L);
    get.getInstance();
    get.close();

    int started = backend.requests().size();
    assertReleased(source, "next retrieval", () -> session.getInstance(NS, first));
    assertReleased(
        source, "next retrieval", () -> MiInstance.builder("Holder").property("Item", first));
    assertThat(backend.requests()).hasSize(started);
    assertThat(session.openOperationCount()).isEqualTo(1);
    source.drainInstances();
    source.close();
  }

  @Test
  void aCallbacksResultIsValidUntilTheCallbackReturnsEvenIfItClosesTheOperation() throws Exception {
    List<MiInstance> kept = new CopyOnWriteArrayList<>();
    List<MiInstance> copies = new CopyOnWriteArrayList<>();
    List<Object> readAfterClose = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    MiOperation op =
        session.enumerateInstances(
            NS,
            "Count2",
            MiOperationCallbacks.onInstance(
                (operation, result, ack) -> {
                  if (result.instance() != null) {
                    kept.add(result.instance());
                    copies.add(result.instance().cloneInstance());
                  }
                  if (!result.moreResults()) {
                    operation.close(); // allowed in its own callback (MI rule 9)
                    kept.forEach(instance -> readAfterClose.add(instance.isReleased()));
                    done.countDown();
                  }
                }));
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(op.isClosed()).isTrue();
    assertThat(readAfterClose).containsExactly(true, true); // the earlier callbacks had returned
    assertThat(kept).hasSize(2);
    assertReleased(op, "the callback it was handed to returned", () -> kept.get(1).get("Id"));
    assertThat(copies.stream().map(instance -> instance.get("Id")).toList())
        .containsExactly(0L, 1L)
        .inOrder();
  }

  @Test
  void closingFromAnotherThreadDoesNotEndAResultWhoseCallbackIsRunning() throws Exception {
    CountDownLatch inCallback = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    List<Object> read = new CopyOnWriteArrayList<>();
    MiOperation op =
        session.getInstance(
            NS,
            MiInstance.builder("Fake_Thing").key("Name", "y").build(),
            MiOperationCallbacks.onInstance(
                (operation, result, ack) -> {
                  inCallback.countDown();
                  try {
                    closed.await(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  read.add(result.instance().get("Identity"));
                }));
    assertThat(inCallback.await(5, TimeUnit.SECONDS)).isTrue();
    op.close();
    closed.countDown();
    AsynchronousOperationTest.waitUntil(() -> !read.isEmpty());
    assertThat(read).containsExactly("SYSTEM");
  }

  @Test
  void underManualAcknowledgementAResultIsValidUntilAcknowledged() throws Exception {
    List<MiException> refusals = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    Consumer<MiInstance> readAfterAck =
        instance -> {
          try {
            instance.get("Id");
          } catch (MiException refused) {
            refusals.add(refused);
          }
        };
    MiOperation op =
        session.enumerateInstances(
            NS,
            "Count2",
            OperationOptions.defaults().withManualAcknowledgement(true),
            MiOperationCallbacks.onInstance(
                (operation, result, ack) -> {
                  if (result.moreResults()) {
                    assertThat(result.instance().get("Id")).isNotNull();
                    ack.acknowledge();
                    readAfterAck.accept(result.instance());
                  } else {
                    done.countDown();
                  }
                }));
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    op.close();
    assertThat(refusals).hasSize(2);
    assertThat(refusals.get(0).errorMessage()).contains("the result was acknowledged");
    assertThat(refusals.get(0).errorMessage()).contains("MI rule 5");
  }

  @Test
  void instancesBuiltByTheCallerAreOwned() {
    MiInstance built = MiInstance.builder("Thing").key("Id", 1).build();
    assertThat(built.isBorrowed()).isFalse();
    assertThat(built.isReleased()).isFalse();
    assertThat(built.cloneInstance()).isEqualTo(built);
  }
}
