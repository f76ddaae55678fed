package io.miguard.mi.embedded;

/**
 * The work of one operation, run on a backend thread. It delivers results through the {@link
 * Delivery} and completes it; an {@link io.miguard.mi.MiException} it throws becomes the final
 * result.
 */
@FunctionalInterface
interface OperationHandler {
  void run(Delivery delivery) throws InterruptedException;

  /** Releases what the handler holds when it will never run (the backend closed first). */
  default void abandon() {}
}
