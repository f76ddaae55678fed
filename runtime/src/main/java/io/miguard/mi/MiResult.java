package io.miguard.mi;

/** MI's result codes ({@code MI_Result}), each with its numeric {@link #code()}. */
public enum MiResult {
  OK(0),
  FAILED(1),
  ACCESS_DENIED(2),
  INVALID_NAMESPACE(3),
  INVALID_PARAMETER(4),
  INVALID_CLASS(5),
  NOT_FOUND(6),
  NOT_SUPPORTED(7),
  CLASS_HAS_CHILDREN(8),
  CLASS_HAS_INSTANCES(9),
  INVALID_SUPERCLASS(10),
  ALREADY_EXISTS(11),
  NO_SUCH_PROPERTY(12),
  TYPE_MISMATCH(13),
  QUERY_LANGUAGE_NOT_SUPPORTED(14),
  INVALID_QUERY(15),
  METHOD_NOT_AVAILABLE(16),
  METHOD_NOT_FOUND(17),
  NAMESPACE_NOT_EMPTY(20),
  INVALID_ENUMERATION_CONTEXT(21),
  INVALID_OPERATION_TIMEOUT(22),
  PULL_HAS_BEEN_ABANDONED(23),
  PULL_CANNOT_BE_ABANDONED(24),
  FILTERED_ENUMERATION_NOT_SUPPORTED(25),
  CONTINUATION_ON_ERROR_NOT_SUPPORTED(26),
  SERVER_LIMITS_EXCEEDED(27),
  SERVER_IS_SHUTTING_DOWN(28);

  private final int code;

  MiResult(int code) {
    this.code = code;
  }

  /** The numeric value MI gives this result. */
  public int code() {
    return code;
  }

  /** The result with the given numeric value. */
  public static MiResult fromCode(int code) {
    for (MiResult result : values()) {
      if (result.code == code) {
        return result;
      }
    }
    throw new IllegalArgumentException("no MI_Result has code " + code);
  }
}
