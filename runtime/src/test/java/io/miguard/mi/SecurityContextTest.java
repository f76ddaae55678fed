package io.miguard.mi;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecurityContextTest {
  private static final Identity ALICE = Identity.of("alice");
  private static final Identity BOB = Identity.of("bob");

  @AfterEach
  void threadRunsAsProcessAgain() {
    assertThat(SecurityContext.depth()).isEqualTo(0);
  }

  @Test
  void threadWithoutImpersonationRunsAsProcess() {
    assertThat(SecurityContext.current()).isEqualTo(Identity.process());
  }

  @Test
  void impersonationLastsUntilClosed() {
    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      assertThat(SecurityContext.current()).isEqualTo(ALICE);
      assertThat(as.identity()).isEqualTo(ALICE);
      assertThat(as.isClosed()).isFalse();
    }
    assertThat(SecurityContext.current()).isEqualTo(Identity.process());
  }

  @Test
  void nestedImpersonationsRestoreTheOuterOne() {
    try (Impersonation outer = SecurityContext.impersonate(ALICE)) {
      try (Impersonation inner = SecurityContext.impersonate(BOB)) {
        assertThat(SecurityContext.current()).isEqualTo(BOB);
        try (Impersonation again = SecurityContext.impersonate(ALICE)) {
          assertThat(SecurityContext.current()).isEqualTo(ALICE);
        }
        assertThat(SecurityContext.current()).isEqualTo(BOB);
      }
      assertThat(SecurityContext.current()).isEqualTo(ALICE);
    }
    assertThat(SecurityContext.current()).isEqualTo(Identity.process());
  }

  @Test
  void secondCloseDoesNothing() {
    Impersonation outer = SecurityContext.impersonate(ALICE);
    Impersonation inner = SecurityContext.impersonate(BOB);
    inner.close();
    inner.close();
    assertThat(inner.isClosed()).isTrue();
    assertThat(SecurityContext.current()).isEqualTo(ALICE);
    outer.close();
  }

  @Test
  void closingOutOfOrderIsRefusedAndChangesNothing() {
    Impersonation outer = SecurityContext.impersonate(ALICE);
    Impersonation inner = SecurityContext.impersonate(BOB);

    MiException refused = assertThrows(MiException.class, outer::close);

    assertThat(refused.result()).isEqualTo(MiResult.INVALID_PARAMETER);
    assertThat(refused.errorMessage()).contains("out of order");
    assertThat(refused.errorMessage()).contains("bob");
    assertThat(outer.isClosed()).isFalse();
    assertThat(SecurityContext.current()).isEqualTo(BOB);
    inner.close();
    outer.close();
  }

  @Test
  void closingFromAnotherThreadIsRefused() throws Exception {
    Impersonation as = SecurityContext.impersonate(ALICE);
    try {
      MiException refused =
          CompletableFuture.supplyAsync(
                  () -> assertThrows(MiException.class, as::close), runOnNewThread())
              .get(10, TimeUnit.SECONDS);
      assertThat(refused.result()).isEqualTo(MiResult.INVALID_PARAMETER);
      assertThat(refused.errorMessage()).contains("cannot be closed from thread");
      assertThat(SecurityContext.current()).isEqualTo(ALICE);
    } finally {
      as.close();
    }
  }

  @Test
  void newThreadDoesNotInheritTheImpersonation() throws Exception {
    AtomicReference<Identity> seen = new AtomicReference<>();
    try (Impersonation as = SecurityContext.impersonate(ALICE)) {
      Thread thread = new Thread(() -> seen.set(SecurityContext.current()));
      thread.start();
      thread.join(10_000);
    }
    assertThat(seen.get()).isEqualTo(Identity.process());
  }

  @Test
  void runAsRunsTheActionAsTheIdentityAndRestores() {
    Identity inside = SecurityContext.runAs(ALICE, SecurityContext::current);
    assertThat(inside).isEqualTo(ALICE);
    assertThat(SecurityContext.current()).isEqualTo(Identity.process());
  }

  @Test
  void runAsRunnableForm() {
    AtomicReference<Identity> seen = new AtomicReference<>();
    try (Impersonation as = SecurityContext.impersonate(BOB)) {
      SecurityContext.runAs(ALICE, () -> seen.set(SecurityContext.current()));
      assertThat(SecurityContext.current()).isEqualTo(BOB);
    }
    assertThat(seen.get()).isEqualTo(ALICE);
  }

  @Test
  void runAsRestoresWhenTheActionThrows() {
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                SecurityContext.runAs(
                    ALICE,
                    () -> {
                      throw new IllegalStateException("boom");
                    }));
    assertThat(thrown).hasMessageThat().isEqualTo("boom");
    assertThat(SecurityContext.current()).isEqualTo(Identity.process());
  }

  @Test
  void runAsEndsAnImpersonationTheActionLeftOpen() {
    Impersonation leaked = SecurityContext.runAs(ALICE, () -> SecurityContext.impersonate(BOB));
    assertThat(SecurityContext.current()).isEqualTo(Identity.process());
    assertThat(leaked.isClosed()).isTrue();
    leaked.close(); // a no-op now
  }

  private static java.util.concurrent.Executor runOnNewThread() {
    return command -> new Thread(command).start();
  }
}
