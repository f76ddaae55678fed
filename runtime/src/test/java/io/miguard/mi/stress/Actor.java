package io.miguard.mi.stress;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.miguard.mi.Identity;
import io.miguard.mi.MiException;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.function.Executable;

/**
 * What one worker acts with: its random source, the shared tally and helper threads, and its way of
 * entering identities. Also checks a committed violation's refusal in one place.
 */
final class Actor {
  final Random random;
  final Tally tally;
  final ExecutorService helpers;
  final Contexts contexts;

  Actor(Random random, Tally tally, ExecutorService helpers, Contexts contexts) {
    this.random = random;
    this.tally = tally;
    this.helpers = helpers;
    this.contexts = contexts;
  }

  /** Runs {@code violation} and checks that the binding refused it with the promised result. */
  MiException refused(Violation violation, Executable action) {
    MiException refusal = assertThrows(MiException.class, action, violation.toString());
    assertThat(refusal.result()).isEqualTo(violation.expected);
    tally.refused(violation, refusal.result());
    return refusal;
  }

  /** Runs {@code violation} as {@code who} and checks its refusal. */
  MiException refusedAs(Identity who, Violation violation, Executable action) {
    return contexts.as(who, () -> refused(violation, action));
  }

  /** True with probability {@code percent}/100. */
  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }
}
