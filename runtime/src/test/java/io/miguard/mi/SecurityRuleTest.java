package io.miguard.mi;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** MI rule 6: close, cancel, retrieval and acknowledgement run in the starting security context. */
class SecurityRuleTest {
  private static final String NS = "root/fake";
  private static final Identity ALICE = Identity.of("alice");
  private static final Identity BOB = Identity.of("bob");

  private FakeBackend backend;
  private MiApplication app;
  private MiSession session;

  @BeforeEach
  void open() {
    backend = new FakeBackend();
    app = MiApplication.initialize("security-test", backend);
    session = app.newSession(null, null);
  }

  @AfterEach
  void everyOperationWasClosed() {
    assertThat(app.openOperationCount()).isEqualTo(0);
    app.close();
  }

  @Test
  void operationRecordsTheIdentityThatStartedIt() {
    MiOperation op;
    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      op = session.testConnection();
      op.getInstance();
      op.close();
    }
    assertThat(op.identity()).isEqualTo(ALICE);
    assertThat(backend.requests().get(0).identity()).isEqualTo(ALICE);
  }

  @Test
  void closeFromAnotherIdentityIsRefusedAndTheOperationStaysOpen() {
    MiOperation op;
    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      op = session.enumerateInstances(NS, "Count2");
      op.drainInstances();
    }

    MiException refused = assertThrows(MiException.class, op::close);

    assertThat(refused.result()).isEqualTo(MiResult.ACCESS_DENIED);
    assertThat(refused.errorMessage()).contains("started as alice");
    assertThat(refused.errorMessage()).contains("runs as " + Identity.process().name());
    assertThat(op.isClosed()).isFalse();
    assertThat(session.openOperationCount()).isEqualTo(1);

    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      op.close();
    }
    assertThat(op.isClosed()).isTrue();
  }

  @Test
  void closeFromADifferentImpersonationIsRefused() {
    MiOperation op;
    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      op = session.testConnection();
      op.getInstance();
    }
    try (Impersonation as = SecurityContext.impersonate(BOB)) {
      MiException refused = assertThrows(MiException.class, op::close);
      assertThat(refused.errorMessage()).contains("alice");
      assertThat(refused.errorMessage()).contains("bob");
    }
    SecurityContext.runAs(ALICE, op::close);
  }

  @Test
  void operationStartedAsProcessCannotBeClosedUnderImpersonation() {
    MiOperation op = session.testConnection();
    op.getInstance();
    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      assertThat(assertThrows(MiException.class, op::close).result())
          .isEqualTo(MiResult.ACCESS_DENIED);
    }
    op.close();
  }

  @Test
  void retrievalAndCancelFromAnotherIdentityAreRefusedAndChangeNothing() {
    MiOperation op = SecurityContext.runAs(ALICE, () -> session.enumerateInstances(NS, "Count2"));

    assertDenied(op::getInstance);
    assertDenied(op::drainInstances);
    assertDenied(() -> op.cancel(CancellationReason.NONE));

    SecurityContext.runAs(
        ALICE,
        () -> {
          // Nothing was consumed or cancelled by the refused calls.
          assertThat(op.drainInstances()).hasSize(2);
          op.close();
        });
  }

  @Test
  void threadHopRunsAsTheProcessSoItsCloseIsRefused() throws Exception {
    MiOperation op;
    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      op = session.enumerateInstances(NS, "Count1");
      op.drainInstances();
    }
    MiException refused =
        CompletableFuture.supplyAsync(() -> assertThrows(MiException.class, op::close), newThread())
            .get(10, TimeUnit.SECONDS);
    assertThat(refused.result()).isEqualTo(MiResult.ACCESS_DENIED);
    assertThat(op.isClosed()).isFalse();

    // The worker that re-enters the identity may close it.
    CompletableFuture.runAsync(() -> SecurityContext.runAs(ALICE, op::close), newThread())
        .get(10, TimeUnit.SECONDS);
    assertThat(op.isClosed()).isTrue();
  }

  @Test
  void workerThreadDrainsWhenGivenTheImpersonation() throws Exception {
    MiOperation op = SecurityContext.runAs(BOB, () -> session.enumerateInstances(NS, "Count5"));
    int drained =
        CompletableFuture.supplyAsync(
                () -> SecurityContext.runAs(BOB, () -> op.drainInstances().size()), newThread())
            .get(10, TimeUnit.SECONDS);
    assertThat(drained).isEqualTo(5);
    SecurityContext.runAs(BOB, op::close);
  }

  @Test
  void sameIdentityByNameIsTheSameContext() {
    MiOperation op = SecurityContext.runAs(Identity.of("carol"), () -> session.testConnection());
    try (Impersonation as = SecurityContext.impersonate(Identity.of("carol"))) {
      op.getInstance();
      op.close();
    }
  }

  private static void assertDenied(Executable call) {
    MiException refused = assertThrows(MiException.class, call);
    assertThat(refused.result()).isEqualTo(MiResult.ACCESS_DENIED);
  }

  private static Executor newThread() {
    return command -> new Thread(command).start();
  }
}
