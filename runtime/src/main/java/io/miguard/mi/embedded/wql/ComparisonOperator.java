package io.miguard.mi.embedded.wql;

/** The comparison operators of WQL. {@code !=} is read as {@link #NOT_EQUAL}. */
public enum ComparisonOperator {
  EQUAL("="),
  NOT_EQUAL("<>"),
  LESS("<"),
  GREATER(">"),
  LESS_OR_EQUAL("<="),
  GREATER_OR_EQUAL(">=");

  private final String symbol;

  ComparisonOperator(String symbol) {
    this.symbol = symbol;
  }

  /** The canonical symbol. */
  public String symbol() {
    return symbol;
  }

  /** The operator written as {@code text} ({@code =}, {@code <>}, {@code !=}, ...). */
  static ComparisonOperator fromSymbol(String text) {
    if (text.equals("!=")) {
      return NOT_EQUAL;
    }
    for (ComparisonOperator operator : values()) {
      if (operator.symbol.equals(text)) {
        return operator;
      }
    }
    throw new IllegalArgumentException("not a comparison operator: " + text);
  }

  /** The operator with its operands swapped ({@code 5 < x} is {@code x > 5}). */
  ComparisonOperator mirrored() {
    return switch (this) {
      case LESS -> GREATER;
      case GREATER -> LESS;
      case LESS_OR_EQUAL -> GREATER_OR_EQUAL;
      case GREATER_OR_EQUAL -> LESS_OR_EQUAL;
      default -> this;
    };
  }

  /** Whether a comparison whose {@link Comparable#compareTo} result is {@code order} holds. */
  boolean holds(int order) {
    return switch (this) {
      case EQUAL -> order == 0;
      case NOT_EQUAL -> order != 0;
      case LESS -> order < 0;
      case GREATER -> order > 0;
      case LESS_OR_EQUAL -> order <= 0;
      case GREATER_OR_EQUAL -> order >= 0;
    };
  }

  @Override
  public String toString() {
    return symbol;
  }
}
