package io.miguard.mi;

/** Why an operation is cancelled ({@code MI_CancellationReason}). */
public enum CancellationReason {
  NONE,
  TIMEOUT,
  SHUTDOWN,
  SERVICE_STOP
}
