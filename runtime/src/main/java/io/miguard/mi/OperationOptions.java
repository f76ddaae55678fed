package io.miguard.mi;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Options of one operation ({@code MI_OperationOptions} and operation flags). Immutable; start from
 * {@link #defaults()} and derive with the {@code with} methods:
 *
 * <pre>{@code
 * OperationOptions options =
 *     OperationOptions.defaults().withTimeout(Duration.ofSeconds(5)).withManualAcknowledgement(true);
 * }</pre>
 *
 * @param timeout how long the operation may run before the binding cancels it with {@link
 *     CancellationReason#TIMEOUT} (its final result is then {@link MiResult#FAILED} with a timeout
 *     message); {@code null} uses the session's {@link DestinationOptions#timeout()}, and if that
 *     is null too the operation never times out
 * @param manualAcknowledgement asynchronous operations only: deliver each result only after the
 *     previous one was {@linkplain ResultAcknowledgement#acknowledge() acknowledged} ({@code
 *     MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS}); ignored by synchronous operations, whose retrievals
 *     already pace the results
 */
public record OperationOptions(@Nullable Duration timeout, boolean manualAcknowledgement) {
  private static final OperationOptions DEFAULTS = new OperationOptions(null, false);

  public OperationOptions {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("an operation timeout must be positive: " + timeout);
    }
  }

  /** No timeout of its own, automatic acknowledgement. */
  public static OperationOptions defaults() {
    return DEFAULTS;
  }

  /** These options with the given timeout ({@code null}: the session's). */
  public OperationOptions withTimeout(@Nullable Duration newTimeout) {
    return new OperationOptions(newTimeout, manualAcknowledgement);
  }

  /** These options with manual acknowledgement switched on or off. */
  public OperationOptions withManualAcknowledgement(boolean manual) {
    return new OperationOptions(timeout, manual);
  }
}
