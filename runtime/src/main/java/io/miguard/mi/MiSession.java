package io.miguard.mi;

import io.miguard.annotations.AsyncIfNonNull;
import io.miguard.annotations.ClosesSession;
import io.miguard.annotations.SessionHandle;
import io.miguard.annotations.StartsOperation;
import io.miguard.annotations.StartsOperation.Mode;
import io.miguard.annotations.StartsOperation.Results;
import io.miguard.mi.spi.MiBackend;
import io.miguard.mi.spi.OperationKind;
import io.miguard.mi.spi.OperationRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A session to one destination ({@code MI_Session}), opened by {@link MiApplication#newSession}.
 * Every method below starts an {@link MiOperation} that the caller owns and must close.
 *
 * <p>Each operation comes in three forms: a synchronous one; one whose last parameter is {@link
 * MiOperationCallbacks}; and one that takes {@link OperationOptions} and callbacks. {@code null}
 * callbacks keep the operation synchronous, exactly as MI decides; any non-null callbacks object
 * makes it asynchronous, whichever of its methods it overrides. That simplifies MI, which makes an
 * operation asynchronous only when the result callback for its kind is set.
 *
 * <p>Parameters that may be null are marked {@link org.jspecify.annotations.Nullable @Nullable}
 * (callbacks, options, optional filters); the others are required, and a nullness checker such as
 * NullAway flags a null passed there. Invalid arguments (a null namespace, say) still do not throw:
 * as in MI, the operation is started and its final result reports {@link
 * MiResult#INVALID_PARAMETER}. Errors of the server (an unknown namespace or class, a bad query,
 * access denied) arrive the same way.
 *
 * <p>Starting an operation on a closed session throws {@link MiException} with {@link
 * MiResult#INVALID_PARAMETER}. A session is safe to use from several threads.
 *
 * <p>Instance arguments (keys, source, target, the instance to create, in-parameters) are copied
 * when the operation starts, so a borrowed result instance may be passed while it is valid; passing
 * one that was released throws {@link MiException} (MI rule 5, see {@link MiInstance}).
 *
 * <p>{@link #close()} refuses while operations of the session are open, and from inside a callback
 * (MI rule 7); see there.
 */
@SessionHandle
public final class MiSession implements AutoCloseable {
  private final MiApplication application;
  private final MiBackend backend;
  private final @Nullable String protocol;
  private final @Nullable String destination;
  private final DestinationOptions destinationOptions;
  private final Set<MiOperation> openOperations = ConcurrentHashMap.newKeySet();
  private boolean closed; // guarded by this

  MiSession(
      MiApplication application,
      MiBackend backend,
      @Nullable String protocol,
      @Nullable String destination,
      DestinationOptions destinationOptions) {
    this.application = application;
    this.backend = backend;
    this.protocol = protocol;
    this.destination = destination;
    this.destinationOptions = destinationOptions;
  }

  /**
   * Gets one instance by its keys ({@code MI_Session_GetInstance}).
   *
   * <p>Synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}, then
   * close it.
   *
   * @param namespace the namespace, such as {@code root/cimv2}
   * @param keys an instance of the class carrying the key properties of the wanted instance
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.SINGLE)
  public MiOperation getInstance(String namespace, MiInstance keys) throws MiException {
    return getInstance(namespace, keys, null, null);
  }

  /**
   * Gets one instance by its keys ({@code MI_Session_GetInstance}). Asynchronous unless {@code
   * callbacks} is {@code null}.
   *
   * @param namespace the namespace, such as {@code root/cimv2}
   * @param keys an instance of the class carrying the key properties of the wanted instance
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation getInstance(
      String namespace, MiInstance keys, @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return getInstance(namespace, keys, null, callbacks);
  }

  /**
   * Gets one instance by its keys ({@code MI_Session_GetInstance}). Asynchronous unless {@code
   * callbacks} is {@code null}.
   *
   * @param namespace the namespace, such as {@code root/cimv2}
   * @param keys an instance of the class carrying the key properties of the wanted instance
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation getInstance(
      String namespace,
      MiInstance keys,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.GET_INSTANCE,
        describe(namespace, keys == null ? null : keys.className()),
        options,
        callbacks,
        firstMissing("namespace", namespace, "keys", keys),
        request -> request.namespace(namespace).instance(owned(keys)));
  }

  /**
   * Enumerates the instances of a class and its subclasses ({@code MI_Session_EnumerateInstances}).
   *
   * <p>Synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   * {@code moreResults() == false}, then close it.
   *
   * @param namespace the namespace
   * @param className the class, whose subclasses' instances are included
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.MULTIPLE)
  public MiOperation enumerateInstances(String namespace, String className) throws MiException {
    return enumerateInstances(namespace, className, null, null);
  }

  /**
   * Enumerates the instances of a class and its subclasses ({@code MI_Session_EnumerateInstances}).
   * Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param className the class, whose subclasses' instances are included
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.MULTIPLE)
  public MiOperation enumerateInstances(
      String namespace, String className, @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return enumerateInstances(namespace, className, null, callbacks);
  }

  /**
   * Enumerates the instances of a class and its subclasses ({@code MI_Session_EnumerateInstances}).
   * Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param className the class, whose subclasses' instances are included
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.MULTIPLE)
  public MiOperation enumerateInstances(
      String namespace,
      String className,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.ENUMERATE_INSTANCES,
        describe(namespace, className),
        options,
        callbacks,
        firstMissing("namespace", namespace, "className", className),
        request -> request.namespace(namespace).className(className));
  }

  /**
   * Runs a query ({@code MI_Session_QueryInstances}).
   *
   * <p>Synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   * {@code moreResults() == false}, then close it.
   *
   * @param namespace the namespace
   * @param dialect the query language, {@code WQL}
   * @param query the query, such as {@code SELECT Name FROM Win32_Process WHERE ProcessId > 4}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.MULTIPLE)
  public MiOperation queryInstances(String namespace, String dialect, String query)
      throws MiException {
    return queryInstances(namespace, dialect, query, null, null);
  }

  /**
   * Runs a query ({@code MI_Session_QueryInstances}). Asynchronous unless {@code callbacks} is
   * {@code null}.
   *
   * @param namespace the namespace
   * @param dialect the query language, {@code WQL}
   * @param query the query, such as {@code SELECT Name FROM Win32_Process WHERE ProcessId > 4}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.MULTIPLE)
  public MiOperation queryInstances(
      String namespace,
      String dialect,
      String query,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return queryInstances(namespace, dialect, query, null, callbacks);
  }

  /**
   * Runs a query ({@code MI_Session_QueryInstances}). Asynchronous unless {@code callbacks} is
   * {@code null}.
   *
   * @param namespace the namespace
   * @param dialect the query language, {@code WQL}
   * @param query the query, such as {@code SELECT Name FROM Win32_Process WHERE ProcessId > 4}
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.MULTIPLE)
  public MiOperation queryInstances(
      String namespace,
      String dialect,
      String query,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.QUERY_INSTANCES,
        describe(namespace, query),
        options,
        callbacks,
        firstMissing("namespace", namespace, "dialect", dialect, "query", query),
        request -> request.namespace(namespace).query(dialect, query));
  }

  /**
   * Gets the instances associated with a source instance ({@code MI_Session_AssociatorInstances}).
   *
   * <p>Synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   * {@code moreResults() == false}, then close it.
   *
   * @param namespace the namespace
   * @param source the instance whose associated instances are wanted (its keys suffice)
   * @param associationClass only through this association class, or {@code null}
   * @param resultClass only instances of this class, or {@code null}
   * @param role only where the source plays this role, or {@code null}
   * @param resultRole only where the result plays this role, or {@code null}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.MULTIPLE)
  public MiOperation associatorInstances(
      String namespace,
      MiInstance source,
      @Nullable String associationClass,
      @Nullable String resultClass,
      @Nullable String role,
      @Nullable String resultRole)
      throws MiException {
    return associatorInstances(
        namespace, source, associationClass, resultClass, role, resultRole, null, null);
  }

  /**
   * Gets the instances associated with a source instance ({@code MI_Session_AssociatorInstances}).
   * Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param source the instance whose associated instances are wanted (its keys suffice)
   * @param associationClass only through this association class, or {@code null}
   * @param resultClass only instances of this class, or {@code null}
   * @param role only where the source plays this role, or {@code null}
   * @param resultRole only where the result plays this role, or {@code null}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.MULTIPLE)
  public MiOperation associatorInstances(
      String namespace,
      MiInstance source,
      @Nullable String associationClass,
      @Nullable String resultClass,
      @Nullable String role,
      @Nullable String resultRole,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return associatorInstances(
        namespace, source, associationClass, resultClass, role, resultRole, null, callbacks);
  }

  /**
   * Gets the instances associated with a source instance ({@code MI_Session_AssociatorInstances}).
   * Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param source the instance whose associated instances are wanted (its keys suffice)
   * @param associationClass only through this association class, or {@code null}
   * @param resultClass only instances of this class, or {@code null}
   * @param role only where the source plays this role, or {@code null}
   * @param resultRole only where the result plays this role, or {@code null}
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.MULTIPLE)
  public MiOperation associatorInstances(
      String namespace,
      MiInstance source,
      @Nullable String associationClass,
      @Nullable String resultClass,
      @Nullable String role,
      @Nullable String resultRole,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.ASSOCIATOR_INSTANCES,
        describe(namespace, source == null ? null : source.className()),
        options,
        callbacks,
        firstMissing("namespace", namespace, "source", source),
        request ->
            request
                .namespace(namespace)
                .instance(owned(source))
                .association(associationClass, resultClass, role, resultRole));
  }

  /**
   * Gets the association instances that refer to a source instance ({@code
   * MI_Session_ReferenceInstances}).
   *
   * <p>Synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   * {@code moreResults() == false}, then close it.
   *
   * @param namespace the namespace
   * @param source the instance whose referencing association instances are wanted
   * @param resultClass only associations of this class, or {@code null}
   * @param role only where the source plays this role, or {@code null}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.MULTIPLE)
  public MiOperation referenceInstances(
      String namespace, MiInstance source, @Nullable String resultClass, @Nullable String role)
      throws MiException {
    return referenceInstances(namespace, source, resultClass, role, null, null);
  }

  /**
   * Gets the association instances that refer to a source instance ({@code
   * MI_Session_ReferenceInstances}). Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param source the instance whose referencing association instances are wanted
   * @param resultClass only associations of this class, or {@code null}
   * @param role only where the source plays this role, or {@code null}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.MULTIPLE)
  public MiOperation referenceInstances(
      String namespace,
      MiInstance source,
      @Nullable String resultClass,
      @Nullable String role,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return referenceInstances(namespace, source, resultClass, role, null, callbacks);
  }

  /**
   * Gets the association instances that refer to a source instance ({@code
   * MI_Session_ReferenceInstances}). Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param source the instance whose referencing association instances are wanted
   * @param resultClass only associations of this class, or {@code null}
   * @param role only where the source plays this role, or {@code null}
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getInstance()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.MULTIPLE)
  public MiOperation referenceInstances(
      String namespace,
      MiInstance source,
      @Nullable String resultClass,
      @Nullable String role,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.REFERENCE_INSTANCES,
        describe(namespace, source == null ? null : source.className()),
        options,
        callbacks,
        firstMissing("namespace", namespace, "source", source),
        request ->
            request
                .namespace(namespace)
                .instance(owned(source))
                .association(null, resultClass, role, null));
  }

  /**
   * Creates an instance ({@code MI_Session_CreateInstance}); the one result is the created
   * instance.
   *
   * <p>Synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}, then
   * close it.
   *
   * @param namespace the namespace
   * @param instance the instance to create
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.SINGLE)
  public MiOperation createInstance(String namespace, MiInstance instance) throws MiException {
    return createInstance(namespace, instance, null, null);
  }

  /**
   * Creates an instance ({@code MI_Session_CreateInstance}); the one result is the created
   * instance. Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param instance the instance to create
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation createInstance(
      String namespace,
      MiInstance instance,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return createInstance(namespace, instance, null, callbacks);
  }

  /**
   * Creates an instance ({@code MI_Session_CreateInstance}); the one result is the created
   * instance. Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param instance the instance to create
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation createInstance(
      String namespace,
      MiInstance instance,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.CREATE_INSTANCE,
        describe(namespace, instance == null ? null : instance.className()),
        options,
        callbacks,
        firstMissing("namespace", namespace, "instance", instance),
        request -> request.namespace(namespace).instance(owned(instance)));
  }

  /**
   * Modifies an instance ({@code MI_Session_ModifyInstance}); the one result is the modified
   * instance.
   *
   * <p>Synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}, then
   * close it.
   *
   * @param namespace the namespace
   * @param instance the instance's keys and the properties to change
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.SINGLE)
  public MiOperation modifyInstance(String namespace, MiInstance instance) throws MiException {
    return modifyInstance(namespace, instance, null, null);
  }

  /**
   * Modifies an instance ({@code MI_Session_ModifyInstance}); the one result is the modified
   * instance. Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param instance the instance's keys and the properties to change
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation modifyInstance(
      String namespace,
      MiInstance instance,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return modifyInstance(namespace, instance, null, callbacks);
  }

  /**
   * Modifies an instance ({@code MI_Session_ModifyInstance}); the one result is the modified
   * instance. Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param instance the instance's keys and the properties to change
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation modifyInstance(
      String namespace,
      MiInstance instance,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.MODIFY_INSTANCE,
        describe(namespace, instance == null ? null : instance.className()),
        options,
        callbacks,
        firstMissing("namespace", namespace, "instance", instance),
        request -> request.namespace(namespace).instance(owned(instance)));
  }

  /**
   * Deletes an instance ({@code MI_Session_DeleteInstance}); the one result has no instance.
   *
   * <p>Synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}, then
   * close it.
   *
   * @param namespace the namespace
   * @param instance the instance to delete (its keys suffice)
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.SINGLE)
  public MiOperation deleteInstance(String namespace, MiInstance instance) throws MiException {
    return deleteInstance(namespace, instance, null, null);
  }

  /**
   * Deletes an instance ({@code MI_Session_DeleteInstance}); the one result has no instance.
   * Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param instance the instance to delete (its keys suffice)
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation deleteInstance(
      String namespace,
      MiInstance instance,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return deleteInstance(namespace, instance, null, callbacks);
  }

  /**
   * Deletes an instance ({@code MI_Session_DeleteInstance}); the one result has no instance.
   * Asynchronous unless {@code callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param instance the instance to delete (its keys suffice)
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation deleteInstance(
      String namespace,
      MiInstance instance,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.DELETE_INSTANCE,
        describe(namespace, instance == null ? null : instance.className()),
        options,
        callbacks,
        firstMissing("namespace", namespace, "instance", instance),
        request -> request.namespace(namespace).instance(owned(instance)));
  }

  /**
   * Invokes a method ({@code MI_Session_Invoke}); the one result holds the output parameters
   * ({@code ReturnValue} and out parameters).
   *
   * <p>Synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}, then
   * close it.
   *
   * @param namespace the namespace
   * @param className the class declaring the method; may be null when {@code target} is given
   * @param methodName the method
   * @param target the instance to invoke the method on, or {@code null} for a static method
   * @param inParameters the input parameters as an instance of class {@code __Parameters}, or
   *     {@code null}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.SINGLE)
  public MiOperation invoke(
      String namespace,
      @Nullable String className,
      String methodName,
      @Nullable MiInstance target,
      @Nullable MiInstance inParameters)
      throws MiException {
    return invoke(namespace, className, methodName, target, inParameters, null, null);
  }

  /**
   * Invokes a method ({@code MI_Session_Invoke}); the one result holds the output parameters
   * ({@code ReturnValue} and out parameters). Asynchronous unless {@code callbacks} is {@code
   * null}.
   *
   * @param namespace the namespace
   * @param className the class declaring the method; may be null when {@code target} is given
   * @param methodName the method
   * @param target the instance to invoke the method on, or {@code null} for a static method
   * @param inParameters the input parameters as an instance of class {@code __Parameters}, or
   *     {@code null}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation invoke(
      String namespace,
      @Nullable String className,
      String methodName,
      @Nullable MiInstance target,
      @Nullable MiInstance inParameters,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return invoke(namespace, className, methodName, target, inParameters, null, callbacks);
  }

  /**
   * Invokes a method ({@code MI_Session_Invoke}); the one result holds the output parameters
   * ({@code ReturnValue} and out parameters). Asynchronous unless {@code callbacks} is {@code
   * null}.
   *
   * @param namespace the namespace
   * @param className the class declaring the method; may be null when {@code target} is given
   * @param methodName the method
   * @param target the instance to invoke the method on, or {@code null} for a static method
   * @param inParameters the input parameters as an instance of class {@code __Parameters}, or
   *     {@code null}
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation invoke(
      String namespace,
      @Nullable String className,
      String methodName,
      @Nullable MiInstance target,
      @Nullable MiInstance inParameters,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    // The class named, else the target's: one of them is required.
    String invokedClass =
        className != null ? className : target == null ? null : target.className();
    return start(
        OperationKind.INVOKE,
        describe(namespace, invokedClass + "." + methodName),
        options,
        callbacks,
        firstMissing(
            "namespace", namespace, "methodName", methodName, "className or target", invokedClass),
        request ->
            request
                .namespace(namespace)
                .className(invokedClass)
                .instance(owned(target))
                .method(methodName, owned(inParameters)));
  }

  /**
   * Subscribes to indications ({@code MI_Session_Subscribe}). A subscription runs until it is
   * cancelled or fails; its final result then reports how it ended.
   *
   * <p>Synchronous: retrieve its results with {@link MiOperation#getIndication()} until one has
   * {@code moreResults() == false}, then close it.
   *
   * @param namespace the namespace
   * @param dialect the query language, {@code WQL}
   * @param query the event query, such as {@code SELECT * FROM __InstanceCreationEvent WITHIN 1
   *     WHERE TargetInstance ISA 'Win32_Process'}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.MULTIPLE)
  public MiOperation subscribe(String namespace, String dialect, String query) throws MiException {
    return subscribe(namespace, dialect, query, null, null);
  }

  /**
   * Subscribes to indications ({@code MI_Session_Subscribe}). A subscription runs until it is
   * cancelled or fails; its final result then reports how it ended. Asynchronous unless {@code
   * callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param dialect the query language, {@code WQL}
   * @param query the event query, such as {@code SELECT * FROM __InstanceCreationEvent WITHIN 1
   *     WHERE TargetInstance ISA 'Win32_Process'}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getIndication()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.MULTIPLE)
  public MiOperation subscribe(
      String namespace,
      String dialect,
      String query,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return subscribe(namespace, dialect, query, null, callbacks);
  }

  /**
   * Subscribes to indications ({@code MI_Session_Subscribe}). A subscription runs until it is
   * cancelled or fails; its final result then reports how it ended. Asynchronous unless {@code
   * callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param dialect the query language, {@code WQL}
   * @param query the event query, such as {@code SELECT * FROM __InstanceCreationEvent WITHIN 1
   *     WHERE TargetInstance ISA 'Win32_Process'}
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getIndication()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.MULTIPLE)
  public MiOperation subscribe(
      String namespace,
      String dialect,
      String query,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.SUBSCRIBE,
        describe(namespace, query),
        options,
        callbacks,
        firstMissing("namespace", namespace, "dialect", dialect, "query", query),
        request -> request.namespace(namespace).query(dialect, query));
  }

  /**
   * Gets a class declaration ({@code MI_Session_GetClass}).
   *
   * <p>Synchronous: retrieve its one, final result with {@link MiOperation#getCimClass()}, then
   * close it.
   *
   * @param namespace the namespace
   * @param className the class
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.SINGLE)
  public MiOperation getCimClass(String namespace, String className) throws MiException {
    return getCimClass(namespace, className, null, null);
  }

  /**
   * Gets a class declaration ({@code MI_Session_GetClass}). Asynchronous unless {@code callbacks}
   * is {@code null}.
   *
   * @param namespace the namespace
   * @param className the class
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getCimClass()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation getCimClass(
      String namespace, String className, @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return getCimClass(namespace, className, null, callbacks);
  }

  /**
   * Gets a class declaration ({@code MI_Session_GetClass}). Asynchronous unless {@code callbacks}
   * is {@code null}.
   *
   * @param namespace the namespace
   * @param className the class
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getCimClass()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation getCimClass(
      String namespace,
      String className,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.GET_CLASS,
        describe(namespace, className),
        options,
        callbacks,
        firstMissing("namespace", namespace, "className", className),
        request -> request.namespace(namespace).className(className));
  }

  /**
   * Enumerates class declarations ({@code MI_Session_EnumerateClasses}).
   *
   * <p>Synchronous: retrieve its results with {@link MiOperation#getCimClass()} until one has
   * {@code moreResults() == false}, then close it.
   *
   * @param namespace the namespace
   * @param className enumerate the subclasses of this class, or {@code null} for all classes
   * @param namesOnly deliver classes with names only, without properties or methods
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.MULTIPLE, drainWith = "drainClasses")
  public MiOperation enumerateClasses(
      String namespace, @Nullable String className, boolean namesOnly) throws MiException {
    return enumerateClasses(namespace, className, namesOnly, null, null);
  }

  /**
   * Enumerates class declarations ({@code MI_Session_EnumerateClasses}). Asynchronous unless {@code
   * callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param className enumerate the subclasses of this class, or {@code null} for all classes
   * @param namesOnly deliver classes with names only, without properties or methods
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getCimClass()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(
      mode = Mode.DECIDED_BY_CALLBACKS,
      results = Results.MULTIPLE,
      drainWith = "drainClasses")
  public MiOperation enumerateClasses(
      String namespace,
      @Nullable String className,
      boolean namesOnly,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return enumerateClasses(namespace, className, namesOnly, null, callbacks);
  }

  /**
   * Enumerates class declarations ({@code MI_Session_EnumerateClasses}). Asynchronous unless {@code
   * callbacks} is {@code null}.
   *
   * @param namespace the namespace
   * @param className enumerate the subclasses of this class, or {@code null} for all classes
   * @param namesOnly deliver classes with names only, without properties or methods
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its results with {@link MiOperation#getCimClass()} until one has
   *     {@code moreResults() == false}
   * @return the operation, owned by the caller
   */
  @StartsOperation(
      mode = Mode.DECIDED_BY_CALLBACKS,
      results = Results.MULTIPLE,
      drainWith = "drainClasses")
  public MiOperation enumerateClasses(
      String namespace,
      @Nullable String className,
      boolean namesOnly,
      @Nullable OperationOptions options,
      @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.ENUMERATE_CLASSES,
        describe(namespace, className),
        options,
        callbacks,
        firstMissing("namespace", namespace),
        request -> request.namespace(namespace).className(className).namesOnly(namesOnly));
  }

  /**
   * Tests the connection to the destination ({@code MI_Session_TestConnection}).
   *
   * <p>Synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}, then
   * close it.
   *
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.SINGLE)
  public MiOperation testConnection() throws MiException {
    return testConnection(null, null);
  }

  /**
   * Tests the connection to the destination ({@code MI_Session_TestConnection}). Asynchronous
   * unless {@code callbacks} is {@code null}.
   *
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation testConnection(@AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return testConnection(null, callbacks);
  }

  /**
   * Tests the connection to the destination ({@code MI_Session_TestConnection}). Asynchronous
   * unless {@code callbacks} is {@code null}.
   *
   * @param options the operation's options, or {@code null} for {@link OperationOptions#defaults()}
   * @param callbacks any non-null object makes the operation asynchronous and receives its results
   *     (a simplification of MI, which looks at which result callback is set); {@code null} keeps
   *     it synchronous: retrieve its one, final result with {@link MiOperation#getInstance()}
   * @return the operation, owned by the caller
   */
  @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.SINGLE)
  public MiOperation testConnection(
      @Nullable OperationOptions options, @AsyncIfNonNull @Nullable MiOperationCallbacks callbacks)
      throws MiException {
    return start(
        OperationKind.TEST_CONNECTION,
        describe(null, null),
        options,
        callbacks,
        firstMissing(),
        request -> request);
  }

  // ---- session state ----

  /** The application that opened this session. */
  public MiApplication getApplication() {
    return application;
  }

  /** The protocol asked for when the session was opened, or {@code null} for MI's default. */
  public @Nullable String protocol() {
    return protocol;
  }

  /** The destination machine, or {@code null} for the local machine. */
  public @Nullable String destination() {
    return destination;
  }

  /** The destination options the session was opened with. */
  public DestinationOptions destinationOptions() {
    return destinationOptions;
  }

  /** How many operations of this session have been started and not yet closed. */
  public int openOperationCount() {
    return openOperations.size();
  }

  /** Whether the session is closed. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Closes the session ({@code MI_Session_Close}). Closing a closed session does nothing.
   *
   * <p>Every operation of the session must be closed first (MI rule 7): native MI waits here until
   * each is closed, and so hangs forever on one that is not. This binding refuses instead: with
   * operations still open it throws and changes nothing, so that the caller can drain and close
   * them (they stay usable) and close the session again. An asynchronous operation counts until it
   * is closed, also after its final callback ran.
   *
   * <p>Nor may a session be closed from inside an {@link MiOperationCallbacks} method on the
   * callback's own thread: native MI's synchronous session close waits there for callbacks that
   * cannot finish, a deadlock (MI rule 7; MI allows it only with a completion callback, which this
   * binding's close has not). Close the operation in its callback, and the session afterwards on
   * another thread. {@link MiApplication#close()} is the one shutdown that closes sessions with
   * open operations, for a program that is exiting.
   *
   * @throws MiException {@link MiResult#FAILED} naming each open operation (its kind, target,
   *     synchronous or asynchronous, starting identity, whether its final result was retrieved) and
   *     the rule, when operations are still open; {@link MiResult#FAILED} naming the callback when
   *     called from one. In both cases the session stays open.
   */
  @ClosesSession
  @Override
  public void close() throws MiException {
    CallbackDelivery.RunningCallback callback = CallbackDelivery.runningCallback();
    if (callback != null) {
      throw new MiException(
          MiResult.FAILED,
          "cannot close "
              + this
              + " from "
              + callback
              + " on the callback's own thread: native MI's session close waits there for"
              + " callbacks that cannot finish, a deadlock (MI rule 7: never close a session from"
              + " a callback without a completion callback); close the session after the"
              + " callback, on another thread. The session stays open");
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      List<MiOperation> open = new ArrayList<>(openOperations);
      if (!open.isEmpty()) {
        open.sort(Comparator.comparingLong(MiOperation::id));
        StringBuilder names = new StringBuilder();
        for (MiOperation operation : open) {
          names.append(names.length() == 0 ? "" : "; ").append(operation);
          if (operation.isSynchronous() && !operation.isDrained()) {
            names.append(" (final result not retrieved yet)");
          }
        }
        throw new MiException(
            MiResult.FAILED,
            "cannot close "
                + this
                + ": "
                + open.size()
                + (open.size() == 1 ? " operation is" : " operations are")
                + " still open: "
                + names
                + ". Native MI's session close waits until every operation of the session is"
                + " closed, and would hang here forever (MI rule 7: close every operation before"
                + " its session). The session and its operations stay open: drain and close the"
                + " operations, then close the session again");
      }
      closed = true;
    }
    application.sessionClosed(this);
  }

  /**
   * Closes the session and force-closes its open operations ({@link MiApplication#close()} only):
   * running operations are cancelled, undelivered results discarded, borrowed results released.
   * Never blocks and never throws.
   */
  void shutDown(String why) {
    List<MiOperation> left;
    synchronized (this) {
      closed = true;
      left = new ArrayList<>(openOperations);
      openOperations.clear();
    }
    for (MiOperation operation : left) {
      operation.forceClose(why);
    }
    application.sessionClosed(this);
  }

  @Override
  public String toString() {
    return "MiSession["
        + (destination == null ? "local" : destination)
        + (protocol == null ? "" : ", " + protocol)
        + "]";
  }

  // ---- internals ----

  /** Forgets a closed operation. */
  void release(MiOperation operation) {
    openOperations.remove(operation);
  }

  private MiOperation start(
      OperationKind kind,
      String target,
      @Nullable OperationOptions options,
      @Nullable MiOperationCallbacks callbacks,
      @Nullable String missingParameter,
      UnaryOperator<OperationRequest.Builder> fields) {
    OperationOptions effective = options == null ? OperationOptions.defaults() : options;
    Duration timeout =
        effective.timeout() != null ? effective.timeout() : destinationOptions.timeout();
    Identity identity = SecurityContext.current();
    // Built before the operation exists: copying a released borrowed argument throws to the caller.
    // Null when a required argument is missing: then the operation fails without the backend.
    OperationRequest request =
        missingParameter != null
            ? null
            : fields.apply(OperationRequest.builder(kind, identity)).build();
    ResultChannel channel = new ResultChannel(kind, timeout);
    MiOperation operation =
        new MiOperation(
            this,
            application.nextOperationId(),
            kind,
            target,
            identity,
            effective,
            channel,
            callbacks);
    synchronized (this) {
      if (closed) {
        throw new MiException(
            MiResult.INVALID_PARAMETER,
            "cannot start "
                + kind
                + (target.isEmpty() ? "" : " " + target)
                + ": "
                + this
                + " is closed");
      }
      openOperations.add(operation);
    }
    if (callbacks != null) {
      application.startDelivery(operation, new CallbackDelivery(operation));
    }
    if (request == null) {
      channel.complete(
          null, MiResult.INVALID_PARAMETER, missingParameter + " must not be null", null);
      return operation;
    }
    channel.startingOn(Thread.currentThread());
    try {
      backend.start(request, channel);
    } catch (RuntimeException failure) {
      // The SPI says a backend reports errors through complete(); one that throws must not leave
      // the caller waiting for a result that never comes.
      channel.complete(
          null, MiResult.FAILED, "the backend failed to start the operation: " + failure, null);
    } finally {
      channel.startingOn(null);
    }
    return operation;
  }

  /**
   * An instance argument as the operation keeps it: owned (MI copies what a call needs), so that
   * the caller's borrowed instance may be released while the operation runs.
   *
   * @throws MiException if {@code instance} is a borrowed instance that was already released
   */
  private static @Nullable MiInstance owned(@Nullable MiInstance instance) {
    return instance == null ? null : instance.owned();
  }

  /** The name of the first null value among name/value pairs, or null if none is null. */
  private static @Nullable String firstMissing(@Nullable Object... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        return (String) namesAndValues[i];
      }
    }
    return null;
  }

  /** What an operation works on, for messages: {@code root/cimv2 Win32_Process}. */
  private static String describe(@Nullable String namespace, @Nullable String what) {
    StringBuilder text = new StringBuilder();
    if (namespace != null) {
      text.append(namespace);
    }
    if (what != null) {
      text.append(text.length() == 0 ? "" : " ").append(what);
    }
    return text.toString();
  }
}
