package io.miguard.mi.stress;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.miguard.mi.Identity;
import io.miguard.mi.Impersonation;
import io.miguard.mi.MiException;
import io.miguard.mi.SecurityContext;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a worker's actions as an identity, entered in a random way each time: as the thread already
 * is, by an impersonation in a try-with-resources, by {@link SecurityContext#runAs}, or nested in
 * an impersonation of someone else. Now and then it also misuses an impersonation (ends it out of
 * order, or from another thread) and checks the refusal.
 */
final class Contexts {
  private static final int MISUSE_PERCENT = 2;

  private final Random random;
  private final Tally tally;
  private final ExecutorService helpers;
  private final List<Identity> identities;

  Contexts(Random random, Tally tally, ExecutorService helpers, List<Identity> identities) {
    this.random = random;
    this.tally = tally;
    this.helpers = helpers;
    this.identities = identities;
  }

  /**
   * Runs {@code action} as {@code who} and returns its value; the thread's identity is restored.
   */
  <T> T as(Identity who, Supplier<T> action) {
    Identity before = SecurityContext.current();
    T value;
    switch (random.nextInt(4)) {
      case 0 -> {
        if (before.equals(who)) {
          value = action.get();
        } else {
          value = SecurityContext.runAs(who, action);
        }
      }
      case 1 -> {
        try (Impersonation as = SecurityContext.impersonate(who)) {
          value = action.get();
          maybeRevertFromAnotherThread(as);
        }
      }
      case 2 -> value = SecurityContext.runAs(who, action);
      default -> {
        Identity outer = identities.get(random.nextInt(identities.size()));
        try (Impersonation asOuter = SecurityContext.impersonate(outer);
            Impersonation asWho = SecurityContext.impersonate(who)) {
          value = action.get();
          maybeRevertOutOfOrder(asOuter, who);
        }
      }
    }
    assertWithMessage("identity after running as %s", who)
        .that(SecurityContext.current())
        .isEqualTo(before);
    return value;
  }

  /** Runs {@code action} as {@code who}. */
  void as(Identity who, Runnable action) {
    as(
        who,
        () -> {
          action.run();
          return null;
        });
  }

  /** Some identity other than {@code owner}, to commit a security-context violation with. */
  Identity otherThan(Identity owner) {
    Identity other;
    do {
      other = identities.get(random.nextInt(identities.size()));
    } while (other.equals(owner));
    return other;
  }

  private void maybeRevertOutOfOrder(Impersonation outer, Identity inner) {
    if (random.nextInt(100) >= MISUSE_PERCENT) {
      return;
    }
    MiException refused = assertThrows(MiException.class, outer::close);
    assertThat(refused.result()).isEqualTo(Violation.REVERT_OUT_OF_ORDER.expected);
    assertThat(outer.isClosed()).isFalse();
    assertThat(SecurityContext.current()).isEqualTo(inner);
    tally.refused(Violation.REVERT_OUT_OF_ORDER, refused.result());
  }

  private void maybeRevertFromAnotherThread(Impersonation impersonation) {
    if (random.nextInt(100) >= MISUSE_PERCENT) {
      return;
    }
    MiException refused;
    try {
      refused =
          helpers
              .submit(() -> assertThrows(MiException.class, impersonation::close))
              .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("closing an impersonation from another thread", e);
    }
    assertThat(refused.result()).isEqualTo(Violation.REVERT_FROM_ANOTHER_THREAD.expected);
    assertThat(impersonation.isClosed()).isFalse();
    assertThat(SecurityContext.current()).isEqualTo(impersonation.identity());
    tally.refused(Violation.REVERT_FROM_ANOTHER_THREAD, refused.result());
  }
}
