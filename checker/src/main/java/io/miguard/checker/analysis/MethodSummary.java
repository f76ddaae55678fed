package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import io.miguard.checker.analysis.ProtocolModel.Results;
import io.miguard.checker.analysis.ProtocolModel.Synchrony;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a method of the compilation unit does to the operations passed to it, and whether it is a
 * factory, inferred from its own analysis: for each parameter, its drained state at normal exit (by
 * both result-count rules) and whether it escapes there.
 */
final class MethodSummary {
  /** What a factory's operations are like. */
  record Factory(Synchrony synchrony, Results results) {}

  /** The fate of one parameter; null entries are parameters that are not operations. */
  record ParameterEffect(
      DrainState drainedAsMulti, DrainState drainedAsSingle, DrainState closed, boolean escapes) {}

  private final @Nullable Factory factory;
  private final List<@Nullable ParameterEffect> parameters;

  MethodSummary(@Nullable Factory factory, List<@Nullable ParameterEffect> parameters) {
    this.factory = factory;
    this.parameters = parameters;
  }

  /** Non-null if every return returns a freshly started operation (or null). */
  @Nullable Factory factory() {
    return factory;
  }

  /** Whether the operation passed as argument {@code index} escapes (or is not tracked). */
  boolean escapes(int index) {
    ParameterEffect effect = index < parameters.size() ? parameters.get(index) : null;
    return effect == null || effect.escapes();
  }

  /** The caller's state of the operation passed as argument {@code index} after the call. */
  OperationState applyTo(int index, OperationState caller, Tree call) {
    ParameterEffect effect = parameters.get(index);
    return caller
        .withDrained(
            combine(caller.drainedAsMulti(), effect.drainedAsMulti(), call),
            combine(caller.drainedAsSingle(), effect.drainedAsSingle(), call))
        .withClosed(combine(caller.closed(), effect.closed(), call));
  }

  /**
   * Drained (or closed) after the call: by the callee on every path, or as before; if the callee
   * drains on some paths only, an undrained caller becomes "maybe not", with the call as witness.
   */
  private static DrainState combine(DrainState before, DrainState atExit, Tree call) {
    return switch (atExit.kind()) {
      case YES -> DrainState.YES;
      case NO -> before;
      case MAYBE_NOT -> before.isDrained() ? before : DrainState.maybeNot(call);
    };
  }
}
