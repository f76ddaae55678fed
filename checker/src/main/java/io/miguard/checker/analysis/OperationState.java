package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import io.miguard.checker.analysis.ProtocolModel.Results;
import io.miguard.checker.analysis.ProtocolModel.Synchrony;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Element;
import org.jspecify.annotations.Nullable;

/**
 * The typestate of one abstract operation at a program point (immutable; a lattice element).
 *
 * <p>Drained is tracked twice, once with the rules of a multi-result operation (only {@code
 * moreResults() == false} or a drain drains) and once with those of a single-result operation (a
 * retrieval drains unless {@code moreResults()} is then seen true), so that an operation whose
 * result count is not known here (a parameter) can be summarised for both kinds of caller. {@link
 * #drained()} picks the one that applies.
 */
public final class OperationState implements PersistentMap.Tagged {
  /** Where the analysis got the operation from. */
  public enum Origin {
    /** A start call ({@code @StartsOperation}) or a factory of this compilation unit. */
    STARTED,
    /** A parameter of the body. */
    PARAMETER,
    /** The receiver {@code this} of a {@code @DrainsResults} method of a handle type. */
    RECEIVER,
    /** Anything else: a field, an unknown method's result. */
    UNKNOWN
  }

  private final Origin origin;
  private final Synchrony synchrony;
  private final Results results;
  private final @Nullable Tree startedAt;
  private final ContextStack startedIn;
  private final DrainState drainedAsMulti;
  private final DrainState drainedAsSingle;
  private final @Nullable Tree cancelledAt;
  private final boolean escaped;
  private final boolean captured;

  /**
   * Whether the operation is closed, on all paths that reach here, on none, or on some (the three
   * values of {@link DrainState}, with the same witness: the last step of an unclosed path).
   */
  private final DrainState closed;

  /** The session variable the operation was started on, if the analysis knows it. */
  private final @Nullable Element session;

  OperationState(
      Origin origin,
      Synchrony synchrony,
      Results results,
      @Nullable Tree startedAt,
      ContextStack startedIn,
      DrainState drainedAsMulti,
      DrainState drainedAsSingle,
      @Nullable Tree cancelledAt,
      boolean escaped,
      boolean captured,
      DrainState closed,
      @Nullable Element session) {
    this.origin = origin;
    this.synchrony = synchrony;
    this.results = results;
    this.startedAt = startedAt;
    this.startedIn = startedIn;
    this.drainedAsMulti = drainedAsMulti;
    this.drainedAsSingle = drainedAsSingle;
    this.cancelledAt = cancelledAt;
    this.escaped = escaped;
    this.captured = captured;
    this.closed = closed;
    this.session = session;
  }

  /** A fresh, undrained operation. */
  static OperationState fresh(
      Origin origin,
      Synchrony synchrony,
      Results results,
      @Nullable Tree startedAt,
      ContextStack startedIn) {
    return new OperationState(
        origin,
        synchrony,
        results,
        startedAt,
        startedIn,
        DrainState.NO,
        DrainState.NO,
        null,
        false,
        false,
        DrainState.NO,
        null);
  }

  /** Where the operation comes from. */
  public Origin origin() {
    return origin;
  }

  /** Synchronous, asynchronous, or not known. */
  public Synchrony synchrony() {
    return synchrony;
  }

  /** Single or multiple results, or not known. */
  public Results results() {
    return results;
  }

  /**
   * The tree that started the operation: the start call (or factory call), the parameter's
   * declaration, or the expression the operation was read from.
   */
  public @Nullable Tree startedAt() {
    return startedAt;
  }

  /** The security context in which the operation was started (for parameters: the entry). */
  public ContextStack startedIn() {
    return startedIn;
  }

  /** Whether the operation is drained, by the rules of its result count. */
  public DrainState drained() {
    return results == Results.SINGLE ? drainedAsSingle : drainedAsMulti;
  }

  /** Drained by the rules of a multi-result operation. */
  public DrainState drainedAsMulti() {
    return drainedAsMulti;
  }

  /** Drained by the rules of a single-result operation. */
  public DrainState drainedAsSingle() {
    return drainedAsSingle;
  }

  /** The last cancel call on some path, or null if none was seen. */
  public @Nullable Tree cancelledAt() {
    return cancelledAt;
  }

  /**
   * Whether the operation escaped to code the analysis cannot see (a field, a return, an unknown
   * method, a lambda or class that captures it) on some path.
   */
  public boolean escaped() {
    return escaped;
  }

  /**
   * Whether the operation came from an enclosing body (captured by a lambda or class) through code
   * that may run later than its creation; a {@code @RunsAs} body, which runs during the call, does
   * not capture.
   */
  public boolean captured() {
    return captured;
  }

  /** Whether the operation is closed on every path that reaches here, on none, or on some. */
  public DrainState closed() {
    return closed;
  }

  /** The session variable the operation was started on, or null if not known. */
  public @Nullable Element session() {
    return session;
  }

  // ---- transitions ----

  /** Closed on this path. */
  OperationState close() {
    return closed.isDrained() ? this : withClosed(DrainState.YES);
  }

  /** The same operation with its closed state replaced. */
  OperationState withClosed(DrainState newClosed) {
    return new OperationState(
        origin,
        synchrony,
        results,
        startedAt,
        startedIn,
        drainedAsMulti,
        drainedAsSingle,
        cancelledAt,
        escaped,
        captured,
        newClosed,
        session);
  }

  /** The operation was started on the session variable {@code startedOn}. */
  OperationState onSession(@Nullable Element startedOn) {
    return new OperationState(
        origin,
        synchrony,
        results,
        startedAt,
        startedIn,
        drainedAsMulti,
        drainedAsSingle,
        cancelledAt,
        escaped,
        captured,
        closed,
        startedOn);
  }

  OperationState withDrained(DrainState multi, DrainState single) {
    return new OperationState(
        origin,
        synchrony,
        results,
        startedAt,
        startedIn,
        multi,
        single,
        cancelledAt,
        escaped,
        captured,
        closed,
        session);
  }

  /** Drained on this path, by every rule. */
  OperationState drain() {
    return withDrained(DrainState.YES, DrainState.YES);
  }

  /** A result was retrieved; whether more follow is not yet seen. */
  OperationState retrieved() {
    return withDrained(drainedAsMulti, DrainState.YES);
  }

  /**
   * A retrieved result was seen to say that more results follow: whatever the paths that reach
   * here, the operation is not drained now (a drained operation reports no more results, so the
   * paths on which it was drained cannot take this edge). On a path the analysis believes drained,
   * nothing is learned.
   */
  OperationState moreSeen() {
    return drainedAsMulti.isDrained() ? this : withDrained(DrainState.NO, DrainState.NO);
  }

  /** This state with its starting context taken as of before {@code variable} is redeclared. */
  OperationState beforeRedeclaring(Symbol variable) {
    ContextStack renamed = startedIn.beforeRedeclaring(variable);
    return renamed == startedIn
        ? this
        : new OperationState(
            origin,
            synchrony,
            results,
            startedAt,
            renamed,
            drainedAsMulti,
            drainedAsSingle,
            cancelledAt,
            escaped,
            captured,
            closed,
            session);
  }

  /** Tag of a state whose drained states carry guards ({@link DrainState.Guard}). */
  static final int GUARDED = 1;

  /**
   * Tag of a state started in a context whose identity is a variable's current value: the only ones
   * a redeclared variable can rename ({@link #beforeRedeclaring}).
   */
  static final int IN_CONTEXT = 2;

  /** For the store's visits of only the operations that may matter (see {@link PersistentMap}). */
  @Override
  public int tags() {
    return (drainedAsMulti.hasGuards() || drainedAsSingle.hasGuards() ? GUARDED : 0)
        | (startedIn.namesCurrentVariable() ? IN_CONTEXT : 0);
  }

  /** This state where {@code local} has just been assigned (see {@link DrainState.Guard}). */
  OperationState withoutGuardsOn(Element local) {
    if (!drainedAsMulti.hasGuards() && !drainedAsSingle.hasGuards()) {
      return this;
    }
    return withDrained(
        drainedAsMulti.withoutGuardsOn(local), drainedAsSingle.withoutGuardsOn(local));
  }

  /** This state on the edge where {@code local} has {@code value}. */
  OperationState assumingLocal(Element local, boolean value) {
    DrainState multi = drainedAsMulti.assumingLocal(local, value);
    DrainState single = drainedAsSingle.assumingLocal(local, value);
    return multi == drainedAsMulti && single == drainedAsSingle ? this : withDrained(multi, single);
  }

  OperationState cancelled(Tree cancel) {
    return new OperationState(
        origin,
        synchrony,
        results,
        startedAt,
        startedIn,
        drainedAsMulti,
        drainedAsSingle,
        cancel,
        escaped,
        captured,
        closed,
        session);
  }

  OperationState escape() {
    return escaped
        ? this
        : new OperationState(
            origin,
            synchrony,
            results,
            startedAt,
            startedIn,
            drainedAsMulti,
            drainedAsSingle,
            cancelledAt,
            true,
            captured,
            closed,
            session);
  }

  OperationState capture() {
    return new OperationState(
        origin,
        synchrony,
        results,
        startedAt,
        startedIn,
        drainedAsMulti,
        drainedAsSingle,
        cancelledAt,
        escaped,
        true,
        closed,
        session);
  }

  /** The join of two paths' states of the same operation. */
  OperationState join(OperationState other, @Nullable Tree thisLast, @Nullable Tree otherLast) {
    return join(other, thisLast, otherLast, Set.of(), Set.of());
  }

  /**
   * The join of two paths' states, whose stores hold the boolean constants {@code thisConstants}
   * and {@code otherConstants} (see {@link DrainState.Guard}).
   */
  OperationState join(
      OperationState other,
      @Nullable Tree thisLast,
      @Nullable Tree otherLast,
      Set<DrainState.Guard> thisConstants,
      Set<DrainState.Guard> otherConstants) {
    if (equals(other)) {
      return this;
    }
    return new OperationState(
        origin == other.origin ? origin : Origin.UNKNOWN,
        synchrony == other.synchrony ? synchrony : Synchrony.UNKNOWN,
        // Precision first: a mix counts as single, whose one retrieval drains.
        results == other.results ? results : Results.SINGLE,
        Positions.earlier(startedAt, other.startedAt),
        startedIn.join(other.startedIn),
        drainedAsMulti.join(
            other.drainedAsMulti, thisLast, otherLast, thisConstants, otherConstants),
        drainedAsSingle.join(
            other.drainedAsSingle, thisLast, otherLast, thisConstants, otherConstants),
        Positions.later(cancelledAt, other.cancelledAt),
        escaped || other.escaped,
        captured || other.captured,
        closed.join(other.closed, thisLast, otherLast),
        session == other.session ? session : null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OperationState s
        && s.origin == origin
        && s.synchrony == synchrony
        && s.results == results
        && s.startedAt == startedAt
        && s.startedIn.equals(startedIn)
        && s.drainedAsMulti.equals(drainedAsMulti)
        && s.drainedAsSingle.equals(drainedAsSingle)
        && s.cancelledAt == cancelledAt
        && s.escaped == escaped
        && s.captured == captured
        && s.closed.equals(closed)
        && s.session == session;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        origin,
        synchrony,
        results,
        System.identityHashCode(startedAt),
        startedIn,
        drainedAsMulti,
        drainedAsSingle,
        System.identityHashCode(cancelledAt),
        escaped,
        captured,
        closed,
        session);
  }

  @Override
  public String toString() {
    return origin
        + "/"
        + synchrony
        + "/"
        + results
        + " drained(multi="
        + drainedAsMulti
        + ", single="
        + drainedAsSingle
        + ")"
        + (cancelledAt != null ? " cancelled" : "")
        + (escaped ? " escaped" : "")
        + (captured ? " captured" : "")
        + " closed="
        + closed
        + " in "
        + startedIn;
  }
}
