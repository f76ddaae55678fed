package io.miguard.mi.embedded;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import io.miguard.mi.spi.OperationKind;
import io.miguard.mi.spi.OperationRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns an {@link OperationRequest} into the work its backend thread does. Checks that are cheap
 * and must see the repository as it is when the operation starts (a subscription's listener) run in
 * {@link #prepare}; everything else runs in the returned handler. Every failure becomes the
 * operation's final result.
 */
final class OperationDispatcher {
  private final CimRepository repository;
  private final AccessRules accessRules;
  private final QueryCompiler queries;
  private final MethodInvoker methods;
  private final String machineName;

  OperationDispatcher(
      CimRepository repository,
      AccessRules accessRules,
      MethodProviders providers,
      String machineName) {
    this.repository = repository;
    this.accessRules = accessRules;
    this.queries = new QueryCompiler(repository);
    this.methods = new MethodInvoker(repository, providers);
    this.machineName = machineName;
  }

  /** The handler of {@code request}; never throws (a failure becomes a handler that reports it). */
  OperationHandler prepare(OperationRequest request) {
    try {
      if (request.kind() == OperationKind.TEST_CONNECTION) {
        return delivery -> delivery.succeed(null);
      }
      String namespace = checkAccess(request);
      if (request.kind() == OperationKind.SUBSCRIBE) {
        CompiledQuery query =
            queries.compileSubscription(namespace, request.dialect(), request.query());
        return new Subscription(query, repository, machineName);
      }
      return delivery -> run(request, namespace, delivery);
    } catch (MiException e) {
      return delivery -> delivery.complete(null, e.result(), e.errorMessage());
    } catch (RuntimeException e) {
      return delivery -> delivery.complete(null, MiResult.FAILED, "the backend failed: " + e);
    }
  }

  /** Checks the request's namespace and the caller's access to it, and returns the namespace. */
  private String checkAccess(OperationRequest request) {
    String namespace = request.namespace();
    if (namespace == null || !repository.hasNamespace(namespace)) {
      throw CimRepository.noSuchNamespace(namespace);
    }
    boolean write =
        switch (request.kind()) {
          case CREATE_INSTANCE, MODIFY_INSTANCE, DELETE_INSTANCE, INVOKE -> true;
          default -> false;
        };
    accessRules.check(namespace, request.identity(), write);
    return namespace;
  }

  private void run(OperationRequest request, String namespace, Delivery delivery) {
    switch (request.kind()) {
      case GET_INSTANCE ->
          delivery.succeed(repository.get(namespace, required(request.instance())));
      case ENUMERATE_INSTANCES ->
          streamInstances(repository.enumerate(namespace, requiredClass(request)), delivery);
      case QUERY_INSTANCES -> query(request, namespace, delivery);
      case ASSOCIATOR_INSTANCES ->
          streamInstances(
              repository.associators(
                  namespace,
                  required(request.instance()),
                  request.associationClass(),
                  request.resultClass(),
                  request.role(),
                  request.resultRole()),
              delivery);
      case REFERENCE_INSTANCES ->
          streamInstances(
              repository.references(
                  namespace, required(request.instance()), request.resultClass(), request.role()),
              delivery);
      case CREATE_INSTANCE ->
          delivery.succeed(repository.create(namespace, required(request.instance())));
      case MODIFY_INSTANCE ->
          delivery.succeed(repository.modify(namespace, required(request.instance())));
      case DELETE_INSTANCE -> {
        repository.delete(namespace, required(request.instance()));
        delivery.succeed(null);
      }
      case INVOKE -> delivery.succeed(methods.invoke(namespace, request));
      case GET_CLASS -> delivery.succeed(repository.getCimClass(namespace, requiredClass(request)));
      case ENUMERATE_CLASSES ->
          streamClasses(
              repository.classes(namespace, request.className(), request.namesOnly()), delivery);
      default ->
          throw new MiException(
              MiResult.NOT_SUPPORTED,
              "operations of kind " + request.kind() + " are not supported by this backend");
    }
  }

  private void query(OperationRequest request, String namespace, Delivery delivery) {
    CompiledQuery query = queries.compileQuery(namespace, request.dialect(), request.query());
    for (MiInstance instance : repository.enumerate(query.namespace(), query.className())) {
      if (query.matches(instance) && !delivery.instance(query.project(instance))) {
        break;
      }
    }
    delivery.finish();
  }

  private static void streamInstances(List<MiInstance> instances, Delivery delivery) {
    for (MiInstance instance : instances) {
      if (!delivery.instance(instance)) {
        break;
      }
    }
    delivery.finish();
  }

  private static void streamClasses(List<MiClass> classes, Delivery delivery) {
    for (MiClass cimClass : classes) {
      if (!delivery.cimClass(cimClass)) {
        break;
      }
    }
    delivery.finish();
  }

  private static MiInstance required(@Nullable MiInstance instance) {
    if (instance == null) {
      throw new MiException(MiResult.INVALID_PARAMETER, "no instance given");
    }
    return instance;
  }

  private static String requiredClass(OperationRequest request) {
    String className = request.className();
    if (className == null || className.isBlank()) {
      throw new MiException(MiResult.INVALID_PARAMETER, "no class name given");
    }
    return className;
  }
}
