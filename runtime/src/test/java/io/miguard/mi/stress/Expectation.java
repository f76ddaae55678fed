package io.miguard.mi.stress;

import io.miguard.mi.MiResult;
import java.util.function.Predicate;

/**
 * What an operation delivers when nobody cancels or closes it early: the retrieval its results
 * need, how many there are and the final result code.
 *
 * @param retrieval the kind of its results
 * @param multiple whether it delivers several results (a retrieval loop), or one final result
 * @param endless whether it never ends by itself (a subscription: only a cancel, close or timeout
 *     ends it)
 * @param code the final result code
 * @param count how many instances or classes it delivers before the final result (multi-result
 *     operations; -1 when others' concurrent work makes the number unknowable)
 * @param finalPayload what the one result of a single-result operation must satisfy
 */
record Expectation(
    Retrieval retrieval,
    boolean multiple,
    boolean endless,
    MiResult code,
    int count,
    Predicate<Object> finalPayload) {

  /** The retrieval method a synchronous operation's results need. */
  enum Retrieval {
    INSTANCE,
    CLASS,
    INDICATION
  }

  static Expectation results(Retrieval retrieval, MiResult code, int count) {
    return new Expectation(retrieval, true, false, code, count, payload -> payload == null);
  }

  static Expectation single(Retrieval retrieval, Predicate<Object> payload) {
    return new Expectation(retrieval, false, false, MiResult.OK, -1, payload);
  }

  static Expectation endlessIndications() {
    return new Expectation(Retrieval.INDICATION, true, true, MiResult.FAILED, -1, p -> true);
  }
}
