package io.miguard.mi;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An MI call that failed: carries the {@link MiResult}, MI's error message and, where MI gives
 * them, the error details ({@code CIM_Error} instance).
 */
public class MiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final MiResult result;
  private final String errorMessage;
  private final transient @Nullable MiInstance errorDetails;

  public MiException(MiResult result, String errorMessage) {
    this(result, errorMessage, null);
  }

  public MiException(MiResult result, String errorMessage, @Nullable MiInstance errorDetails) {
    super(result + ": " + errorMessage);
    this.result = Objects.requireNonNull(result, "result");
    this.errorMessage = errorMessage;
    this.errorDetails = errorDetails;
  }

  /** The result code of the failed call; never {@link MiResult#OK}. */
  public MiResult result() {
    return result;
  }

  /** MI's message for the failure. */
  public String errorMessage() {
    return errorMessage;
  }

  /** The error instance MI reported with the failure, or {@code null}. */
  public @Nullable MiInstance errorDetails() {
    return errorDetails;
  }
}
