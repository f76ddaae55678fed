package io.miguard.mi;

import io.miguard.annotations.LeavesSecurityContext;

/**
 * An active impersonation returned by {@link SecurityContext#impersonate}: while it is open, the
 * thread that entered it runs as {@link #identity()}.
 */
public final class Impersonation implements AutoCloseable {
  private final Identity identity;
  private final Thread thread;
  private volatile boolean ended;

  Impersonation(Identity identity, Thread thread) {
    this.identity = identity;
    this.thread = thread;
  }

  /** The identity this impersonation runs as. */
  public Identity identity() {
    return identity;
  }

  /** Whether the impersonation has ended. */
  public boolean isClosed() {
    return ended;
  }

  /**
   * Ends the impersonation ({@code RevertToSelf}): the thread runs again as it did before. Closing
   * it a second time does nothing.
   *
   * @throws MiException with {@link MiResult#INVALID_PARAMETER} when called from another thread
   *     than the one that entered it, or while an impersonation entered after it is still active
   *     (impersonations end in last-in-first-out order); the impersonation then stays active
   */
  @LeavesSecurityContext
  @Override
  public void close() {
    if (ended) {
      return;
    }
    Thread caller = Thread.currentThread();
    if (caller != thread) {
      throw new MiException(
          MiResult.INVALID_PARAMETER,
          "impersonation of "
              + identity.name()
              + " was entered on thread \""
              + thread.getName()
              + "\" and cannot be closed from thread \""
              + caller.getName()
              + "\"; a thread's impersonation belongs to that thread");
    }
    SecurityContext.leave(this);
  }

  void markEnded() {
    ended = true;
  }

  @Override
  public String toString() {
    return "Impersonation[" + identity.name() + (ended ? ", closed]" : "]");
  }
}
