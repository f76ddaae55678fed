package io.miguard.mi;

import io.miguard.annotations.ContextIdentity;
import io.miguard.annotations.EntersSecurityContext;
import io.miguard.annotations.RunsAs;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The identity the current thread runs as: the model of a Windows thread token.
 *
 * <p>Each thread has its own stack of impersonations. {@link #impersonate} pushes an identity and
 * returns the {@link Impersonation} whose close pops it again ({@code ImpersonateLoggedOnUser} /
 * {@code RevertToSelf}); {@link #runAs} does both around an action. A thread that impersonates
 * nothing runs as {@link Identity#process()}. The stack is not inherited: a new thread, an executor
 * task or a callback thread starts as the process identity, exactly as a Windows thread does not
 * inherit its creator's impersonation token.
 *
 * <p>Every {@link MiOperation} remembers the identity current when it was started, and refuses
 * close, cancel, retrieval and acknowledgement from any other (MI rule 6).
 */
public final class SecurityContext {
  private static final ThreadLocal<Deque<Impersonation>> STACK = new ThreadLocal<>();

  private SecurityContext() {}

  /** The identity the calling thread runs as now. */
  public static Identity current() {
    Deque<Impersonation> stack = STACK.get();
    return stack == null || stack.isEmpty() ? Identity.process() : stack.peek().identity();
  }

  /**
   * Makes the calling thread run as {@code identity} until the returned impersonation is closed,
   * which must happen on this thread and in last-in-first-out order with any nested impersonation.
   * Use it in a try-with-resources:
   *
   * <pre>{@code
   * try (Impersonation as = SecurityContext.impersonate(user)) {
   *   ...
   * }
   * }</pre>
   */
  @EntersSecurityContext
  public static Impersonation impersonate(@ContextIdentity Identity identity) {
    Objects.requireNonNull(identity, "identity");
    Deque<Impersonation> stack = STACK.get();
    if (stack == null) {
      stack = new ArrayDeque<>();
      STACK.set(stack);
    }
    Impersonation impersonation = new Impersonation(identity, Thread.currentThread());
    stack.push(impersonation);
    return impersonation;
  }

  /**
   * Runs {@code action} on the calling thread as {@code identity} and returns its value. The
   * previous identity is restored afterwards whatever happens, also when the action throws or
   * leaves an impersonation of its own open (that impersonation is ended with it, and closing it
   * later does nothing).
   */
  @RunsAs
  public static <T> T runAs(@ContextIdentity Identity identity, Supplier<T> action) {
    Objects.requireNonNull(action, "action");
    Impersonation impersonation = impersonate(identity);
    try {
      return action.get();
    } finally {
      unwindTo(impersonation);
    }
  }

  /**
   * Runs {@code action} on the calling thread as {@code identity}; see {@link #runAs(Identity,
   * Supplier)}. A lambda or method reference that returns a value selects the {@code Supplier}
   * form; a method reference to an overloaded method may need a lambda instead, as with {@code
   * ExecutorService.submit}.
   */
  @RunsAs
  public static void runAs(@ContextIdentity Identity identity, Runnable action) {
    Objects.requireNonNull(action, "action");
    runAs(
        identity,
        () -> {
          action.run();
          return null;
        });
  }

  /** How many impersonations the calling thread has active (0: it runs as the process). */
  static int depth() {
    Deque<Impersonation> stack = STACK.get();
    return stack == null ? 0 : stack.size();
  }

  /** Ends {@code impersonation}, the innermost one of the calling thread (Impersonation.close). */
  static void leave(Impersonation impersonation) {
    Deque<Impersonation> stack = STACK.get();
    if (stack == null || stack.peek() != impersonation) {
      Identity innermost = stack == null || stack.isEmpty() ? null : stack.peek().identity();
      throw new MiException(
          MiResult.INVALID_PARAMETER,
          "impersonation of "
              + impersonation.identity().name()
              + " closed out of order: the innermost active impersonation on this thread is "
              + (innermost == null ? "none" : "of " + innermost.name())
              + "; impersonations end in last-in-first-out order");
    }
    stack.pop();
    impersonation.markEnded();
    if (stack.isEmpty()) {
      STACK.remove();
    }
  }

  /**
   * Ends {@code impersonation} and every impersonation entered after it on the calling thread, so
   * that the thread runs as it did before {@code impersonation} began. Does nothing if it already
   * ended.
   */
  static void unwindTo(Impersonation impersonation) {
    Deque<Impersonation> stack = STACK.get();
    if (stack == null || !stack.contains(impersonation)) {
      return;
    }
    Impersonation popped;
    do {
      popped = stack.pop();
      popped.markEnded();
    } while (popped != impersonation);
    if (stack.isEmpty()) {
      STACK.remove();
    }
  }
}
