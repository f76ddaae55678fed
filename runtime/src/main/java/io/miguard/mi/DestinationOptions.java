package io.miguard.mi;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Options of a session's destination ({@code MI_DestinationOptions}). Immutable; start from {@link
 * #defaults()}.
 *
 * @param timeout the default timeout of every operation of the session; an operation's own {@link
 *     OperationOptions#timeout()} overrides it; {@code null} means no timeout
 */
public record DestinationOptions(@Nullable Duration timeout) {
  private static final DestinationOptions DEFAULTS = new DestinationOptions(null);

  public DestinationOptions {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("a destination timeout must be positive: " + timeout);
    }
  }

  /** No timeout. */
  public static DestinationOptions defaults() {
    return DEFAULTS;
  }

  /** These options with the given default operation timeout ({@code null}: none). */
  public DestinationOptions withTimeout(@Nullable Duration newTimeout) {
    return new DestinationOptions(newTimeout);
  }
}
