package io.miguard.mi;

import io.miguard.annotations.CancelsOperation;
import io.miguard.annotations.ClosesOperation;
import io.miguard.annotations.DrainedByIteration;
import io.miguard.annotations.DrainsResults;
import io.miguard.annotations.OperationHandle;
import io.miguard.annotations.ReportsDrained;
import io.miguard.annotations.RetrievesResult;
import io.miguard.mi.ResultChannel.ClassItem;
import io.miguard.mi.ResultChannel.FinalItem;
import io.miguard.mi.ResultChannel.IndicationItem;
import io.miguard.mi.ResultChannel.InstanceItem;
import io.miguard.mi.ResultChannel.Item;
import io.miguard.mi.ResultChannel.Payload;
import io.miguard.mi.spi.OperationKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One operation started by an {@link MiSession} method ({@code MI_Operation}). The caller owns it
 * and must {@linkplain #close() close} it exactly once.
 *
 * <p><b>Synchronous operations</b> (started without callbacks) deliver their results to the
 * retrieval method of their kind: {@link #getInstance()} (instance operations and test connection),
 * {@link #getIndication()} (subscriptions) or {@link #getCimClass()} (class operations); any other
 * retrieval method throws {@link MiException} with {@link MiResult#INVALID_PARAMETER}. Each
 * retrieval blocks for the next result; the result whose {@code moreResults()} is {@code false} is
 * the final one, and carries the completion code: failures such as {@link
 * MiResult#INVALID_NAMESPACE} arrive there and are never thrown by the retrieval. A retrieval after
 * the final result throws {@link MiException} with {@link MiResult#FAILED}. The final result must
 * be retrieved before {@link #close()}, also after {@link #cancel}; {@link #drainInstances()},
 * {@link #drainClasses()} and a completed for-each over {@link #instances()} do it for you.
 *
 * <p><b>Asynchronous operations</b> (started with non-null callbacks) push their results to the
 * {@link MiOperationCallbacks}; retrieval methods throw {@link MiException} with {@link
 * MiResult#INVALID_PARAMETER} naming MI rule 3. Closing one never blocks and needs no drain; it may
 * be done from inside the operation's own callbacks (MI rule 9).
 *
 * <p><b>Security context.</b> The operation remembers {@link SecurityContext#current()} at its
 * start ({@link #identity()}). {@link #close()}, {@link #cancel}, retrievals and acknowledgements
 * from a thread that runs as another identity throw {@link MiException} with {@link
 * MiResult#ACCESS_DENIED}, naming both identities, and change nothing (MI rule 6).
 *
 * <p><b>Result lifetime (MI rule 5).</b> The instance, class and completion details of a result are
 * borrowed from the operation: valid only until the next retrieval from it or its {@link #close()}
 * (in a callback, until the callback returns, whether or not the operation is closed meanwhile;
 * under manual acknowledgement, until the result is acknowledged). Reading one after that throws
 * {@link MiException} with {@link MiResult#FAILED} naming this operation and the rule, where native
 * MI would read freed memory. Keep {@link MiInstance#cloneInstance()} or {@link
 * MiClass#cloneClass()} to use one longer; {@link #drainInstances()}, {@link #drainClasses()} and a
 * for-each over {@link #instances()} hand out owned copies.
 *
 * <p><b>Session close (MI rule 7).</b> Every operation must be closed before its session: {@link
 * MiSession#close()} with this operation still open throws and leaves both open.
 */
@OperationHandle
public final class MiOperation implements AutoCloseable {
  private final MiSession session;
  private final long id;
  private final OperationKind kind;
  private final String target;
  private final Identity identity;
  private final OperationOptions options;
  private final @Nullable MiOperationCallbacks callbacks;
  private final ResultChannel channel;
  private volatile boolean closed;
  // The lease of the result handed out last; guarded by leaseLock.
  private final Object leaseLock = new Object();
  private @Nullable ResultLease lease;

  MiOperation(
      MiSession session,
      long id,
      OperationKind kind,
      String target,
      Identity identity,
      OperationOptions options,
      ResultChannel channel,
      @Nullable MiOperationCallbacks callbacks) {
    this.session = session;
    this.id = id;
    this.kind = kind;
    this.target = target;
    this.identity = identity;
    this.options = options;
    this.channel = channel;
    this.callbacks = callbacks;
  }

  // ---- retrieval ----

  /**
   * Retrieves the next result of a synchronous instance operation ({@code
   * MI_Operation_GetInstance}), blocking until it is available. If the calling thread is
   * interrupted while it waits, the operation is cancelled and the final (cancelled) result is
   * returned, with the interrupt status set again.
   *
   * <p>The result's instance and completion details are borrowed: valid until the next retrieval or
   * close (see the class javadoc); this call releases those of the previous result.
   *
   * @throws MiException {@link MiResult#INVALID_PARAMETER} if the operation is asynchronous (MI
   *     rule 3), closed, or not an instance operation; {@link MiResult#ACCESS_DENIED} from another
   *     identity than the starting one; {@link MiResult#FAILED} after the final result
   */
  @RetrievesResult
  public InstanceResult getInstance() throws MiException {
    Retrieval retrieval = retrieve(Payload.INSTANCE);
    return instanceResult(retrieval.item(), retrieval.lease());
  }

  /**
   * Retrieves the next result of a synchronous subscription ({@code MI_Operation_GetIndication}),
   * blocking until an indication arrives or the subscription ends (by {@link #cancel}, say from
   * another thread, or a failure). Interruption as for {@link #getInstance()}.
   *
   * @throws MiException as for {@link #getInstance()}, for a non-subscription
   */
  @RetrievesResult
  public IndicationResult getIndication() throws MiException {
    Retrieval retrieval = retrieve(Payload.INDICATION);
    return indicationResult(retrieval.item(), retrieval.lease());
  }

  /**
   * Retrieves the next result of a synchronous class operation ({@code MI_Operation_GetClass}).
   * Interruption as for {@link #getInstance()}.
   *
   * @throws MiException as for {@link #getInstance()}, for a non-class operation
   */
  @RetrievesResult
  public ClassResult getCimClass() throws MiException {
    Retrieval retrieval = retrieve(Payload.CLASS);
    return classResult(retrieval.item(), retrieval.lease());
  }

  /**
   * Retrieves every remaining result of a synchronous instance operation or subscription, up to and
   * including the final one, and returns owned copies of their instances in order (for a
   * subscription, the indications): they stay valid after the operation is closed. The operation is
   * drained afterwards, also when this throws.
   *
   * @throws MiException with the final result's code and message when the operation failed, unless
   *     it failed because the caller {@linkplain #cancel cancelled} it (then the instances received
   *     before the cancel are returned); and as for the retrieval methods
   */
  @DrainsResults
  public List<MiInstance> drainInstances() throws MiException {
    List<MiInstance> instances = new ArrayList<>();
    for (MiInstance instance : instances()) {
      instances.add(instance);
    }
    return instances;
  }

  /**
   * Retrieves every remaining result of a synchronous class operation and returns owned copies of
   * their classes; failures as for {@link #drainInstances()}.
   */
  @DrainsResults
  public List<MiClass> drainClasses() throws MiException {
    List<MiClass> classes = new ArrayList<>();
    ClassResult result;
    do {
      result = getCimClass();
      if (result.cimClass() != null) {
        classes.add(result.cimClass().cloneClass());
      }
    } while (result.moreResults());
    throwIfFailed(result.resultCode(), result.errorMessage(), result.completionDetails());
    return classes;
  }

  /**
   * A lazy view of the remaining instances (indications, for a subscription) of a synchronous
   * operation: each step of the iteration retrieves results until the next instance or the final
   * result, so a for-each loop that runs to its end drains the operation. Leaving the loop early
   * leaves it undrained. Each instance is an owned copy, valid after the next step and the close.
   * When the final result reports a failure, {@code hasNext()} throws the {@link MiException} that
   * {@link #drainInstances()} would (the operation is drained by then).
   */
  @DrainedByIteration
  public Iterable<MiInstance> instances() {
    return ResultIterator::new;
  }

  // ---- control ----

  /**
   * Cancels the operation ({@code MI_Operation_Cancel}). It does not drain: a synchronous caller
   * still retrieves results until the final one, which reports {@link MiResult#FAILED} with a
   * cancellation message; results not retrieved before the cancel are discarded. An asynchronous
   * operation receives that final result in its callbacks. Cancelling again, or cancelling a closed
   * or completed operation, does nothing.
   *
   * @throws MiException {@link MiResult#ACCESS_DENIED} from another identity than the starting one
   */
  @CancelsOperation
  public void cancel(CancellationReason reason) throws MiException {
    Objects.requireNonNull(reason, "reason");
    if (closed) {
      return;
    }
    requireStartingIdentity("cancel");
    channel.stop(
        new FinalItem(
            null,
            MiResult.FAILED,
            "the operation was cancelled by the caller (reason " + reason + ")",
            null),
        true);
  }

  /**
   * Closes the operation ({@code MI_Operation_Close}). Closing a closed operation does nothing.
   *
   * <p>A synchronous operation must have had its final result retrieved; an asynchronous one that
   * is still running is cancelled (its callbacks then receive a {@link MiResult#FAILED} final
   * result, unless they already had the final one) and released without waiting: this method never
   * blocks. It may be called from inside the operation's own callbacks (MI rule 9).
   *
   * <p>Closing a synchronous operation releases the borrowed objects of the last result retrieved
   * (MI rule 5): read them before closing, or keep clones. A result whose callback is running stays
   * valid until the callback returns.
   *
   * @throws MiException {@link MiResult#FAILED} if the operation is synchronous and its final
   *     result was not retrieved; {@link MiResult#ACCESS_DENIED} from another identity than the
   *     starting one. In both cases the operation stays open, so that it can be drained, or closed
   *     in the right security context, afterwards.
   */
  @ClosesOperation
  @Override
  public void close() throws MiException {
    synchronized (this) {
      if (closed) {
        return;
      }
      requireStartingIdentity("close");
      if (callbacks == null && !channel.finalTaken()) {
        throw new MiException(
            MiResult.FAILED,
            "cannot close "
                + this
                + ": the final result of a synchronous operation (moreResults false) must be"
                + " retrieved before close, even after cancel; drain it first, for example with"
                + " drainInstances()");
      }
      closed = true;
    }
    releaseSynchronousLease("the operation was closed");
    channel.stop(
        new FinalItem(null, MiResult.FAILED, "the operation was closed before it completed", null),
        false);
    session.release(this);
  }

  /**
   * Closes without the rules' checks, cancelling a running operation and discarding what is left
   * ({@link MiApplication#close()}). Never blocks.
   */
  void forceClose(String why) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    releaseSynchronousLease(why);
    channel.stop(new FinalItem(null, MiResult.FAILED, why, null), false);
  }

  // ---- state ----

  /** The session that started this operation. */
  public MiSession getSession() {
    return session;
  }

  /** Whether the operation was started without callbacks, so that its results are pulled. */
  public boolean isSynchronous() {
    return callbacks == null;
  }

  /** The identity that started the operation: the only one that may close, cancel or retrieve. */
  public Identity identity() {
    return identity;
  }

  /** What the operation does. */
  public OperationKind kind() {
    return kind;
  }

  /** The options the operation was started with. */
  public OperationOptions options() {
    return options;
  }

  /** Whether {@link #close()} has completed (or the application closed it). */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Whether a synchronous operation's final result was retrieved, so that it may be closed; for an
   * asynchronous one, whether its final result was handed to the callbacks.
   */
  @ReportsDrained
  public boolean isDrained() {
    return channel.finalTaken();
  }

  @Override
  public String toString() {
    return "MiOperation#"
        + id
        + "["
        + kind
        + (target.isEmpty() ? "" : " " + target)
        + ", "
        + (callbacks == null ? "synchronous" : "asynchronous")
        + ", started as "
        + identity.name()
        + (closed ? ", closed" : "")
        + "]";
  }

  // ---- internals ----

  long id() {
    return id;
  }

  ResultChannel channel() {
    return channel;
  }

  @Nullable MiOperationCallbacks callbacks() {
    return callbacks;
  }

  /**
   * Releases the borrowed objects of the last result handed out, and opens the lease of the next
   * one, which the returned lease covers.
   *
   * @param why what releases the previous result, for the message of a later read
   */
  ResultLease lendNext(String why) {
    synchronized (leaseLock) {
      if (lease != null) {
        lease.release(why);
      }
      lease = new ResultLease(this);
      if (closed && callbacks == null) {
        lease.release("the operation was closed");
      }
      return lease;
    }
  }

  /**
   * Releases the borrowed objects of the last result a synchronous retrieval handed out, if any. An
   * asynchronous operation's result stays valid until its callback returns (or it is acknowledged),
   * even when the operation is closed meanwhile: MI keeps a result alive while its callback runs.
   */
  private void releaseSynchronousLease(String why) {
    if (callbacks != null) {
      return;
    }
    synchronized (leaseLock) {
      if (lease != null) {
        lease.release(why);
      }
    }
  }

  /** The {@link InstanceResult} of an item, its objects borrowed under {@code lease}. */
  static InstanceResult instanceResult(Item item, ResultLease lease) {
    if (item instanceof InstanceItem result) {
      return new InstanceResult(borrow(result.instance(), lease), true, MiResult.OK, null, null);
    }
    FinalItem last = (FinalItem) item;
    return new InstanceResult(
        borrow((MiInstance) last.payload(), lease),
        false,
        last.result(),
        last.errorMessage(),
        borrow(last.details(), lease));
  }

  /** The {@link IndicationResult} of an item, its objects borrowed under {@code lease}. */
  static IndicationResult indicationResult(Item item, ResultLease lease) {
    if (item instanceof IndicationItem result) {
      return new IndicationResult(
          borrow(result.instance(), lease),
          result.bookmark(),
          result.machineId(),
          true,
          MiResult.OK,
          null,
          null);
    }
    FinalItem last = (FinalItem) item;
    return new IndicationResult(
        borrow((MiInstance) last.payload(), lease),
        null,
        null,
        false,
        last.result(),
        last.errorMessage(),
        borrow(last.details(), lease));
  }

  /** The {@link ClassResult} of an item, its objects borrowed under {@code lease}. */
  static ClassResult classResult(Item item, ResultLease lease) {
    if (item instanceof ClassItem result) {
      MiClass cimClass = result.cimClass();
      return new ClassResult(
          cimClass == null ? null : cimClass.borrowedUnder(lease), true, MiResult.OK, null, null);
    }
    FinalItem last = (FinalItem) item;
    MiClass cimClass = (MiClass) last.payload();
    return new ClassResult(
        cimClass == null ? null : cimClass.borrowedUnder(lease),
        false,
        last.result(),
        last.errorMessage(),
        borrow(last.details(), lease));
  }

  private static @Nullable MiInstance borrow(@Nullable MiInstance instance, ResultLease lease) {
    return instance == null ? null : instance.borrowedUnder(lease);
  }

  /** Throws ACCESS_DENIED unless the calling thread runs as the identity that started this. */
  void requireStartingIdentity(String action) {
    Identity caller = SecurityContext.current();
    if (!caller.equals(identity)) {
      throw new MiException(
          MiResult.ACCESS_DENIED,
          action
              + " of "
              + this
              + " refused: it was started as "
              + identity.name()
              + " but the calling thread runs as "
              + caller.name()
              + "; MI allows it only in the security context that started the operation");
    }
  }

  /** One result taken from the channel, with the lease its borrowed objects live under. */
  private record Retrieval(Item item, ResultLease lease) {}

  private Retrieval retrieve(Payload wanted) {
    if (closed) {
      throw new MiException(
          MiResult.INVALID_PARAMETER,
          wanted.retrieval + "() on " + this + " refused: the operation is closed");
    }
    if (callbacks != null) {
      throw new MiException(
          MiResult.INVALID_PARAMETER,
          wanted.retrieval
              + "() on "
              + this
              + " refused: an asynchronous operation delivers its results to its callbacks (MI"
              + " rule 3: never call a retrieval function on an operation started with callbacks;"
              + " native MI answers INVALID_PARAMETER)");
    }
    if (channel.payload() != wanted) {
      throw new MiException(
          MiResult.INVALID_PARAMETER,
          wanted.retrieval
              + " cannot retrieve the results of "
              + this
              + "; use "
              + channel.payload().retrieval);
    }
    requireStartingIdentity(wanted.retrieval);
    ResultLease next =
        lendNext("the next retrieval (" + wanted.retrieval + "()) from the operation released it");
    return new Retrieval(channel.take(), next);
  }

  private void throwIfFailed(
      MiResult code, @Nullable String message, @Nullable MiInstance details) {
    if (code != MiResult.OK && !channel.stoppedByCaller()) {
      // The exception outlives the result: it carries an owned copy of the borrowed details. A
      // backend may fail an operation without a message; the exception always has one.
      throw new MiException(
          code,
          message != null ? message : "the operation failed with " + code + " and no message",
          details == null ? null : details.cloneInstance());
    }
  }

  /** Pulls results one step ahead of the caller; see {@link #instances()}. */
  private final class ResultIterator implements Iterator<MiInstance> {
    private @Nullable MiInstance next;
    private boolean finished;

    @Override
    public boolean hasNext() {
      while (next == null && !finished) {
        MiInstance instance;
        boolean more;
        if (channel.payload() == Payload.INDICATION) {
          IndicationResult result = getIndication();
          instance = result.instance();
          more = result.moreResults();
          finishIfLast(
              more, result.resultCode(), result.errorMessage(), result.completionDetails());
        } else {
          InstanceResult result = getInstance();
          instance = result.instance();
          more = result.moreResults();
          finishIfLast(
              more, result.resultCode(), result.errorMessage(), result.completionDetails());
        }
        if (instance != null) {
          next = instance.cloneInstance();
        }
      }
      return next != null;
    }

    private void finishIfLast(
        boolean more, MiResult code, @Nullable String message, @Nullable MiInstance details) {
      if (!more) {
        finished = true;
        throwIfFailed(code, message, details);
      }
    }

    @Override
    public MiInstance next() {
      MiInstance instance = hasNext() ? next : null;
      if (instance == null) {
        throw new NoSuchElementException("no more instances in " + MiOperation.this);
      }
      next = null;
      return instance;
    }
  }
}
