package io.miguard.mi.embedded;

import io.miguard.mi.Identity;
import io.miguard.mi.MiInstance;
import io.miguard.mi.spi.OperationKind;
import io.miguard.mi.spi.OperationRequest;

/** Short ways to build requests, as the process identity unless told otherwise. */
final class Requests {
  static final String CIMV2 = "root/cimv2";

  private Requests() {}

  static OperationRequest.Builder request(OperationKind kind) {
    return OperationRequest.builder(kind, Identity.process());
  }

  static OperationRequest enumerate(String namespace, String className) {
    return request(OperationKind.ENUMERATE_INSTANCES)
        .namespace(namespace)
        .className(className)
        .build();
  }

  static OperationRequest query(String namespace, String wql) {
    return request(OperationKind.QUERY_INSTANCES).namespace(namespace).query("WQL", wql).build();
  }

  static OperationRequest subscribe(String namespace, String wql) {
    return request(OperationKind.SUBSCRIBE).namespace(namespace).query("WQL", wql).build();
  }

  static OperationRequest withInstance(OperationKind kind, String namespace, MiInstance instance) {
    return request(kind).namespace(namespace).instance(instance).build();
  }

  static OperationRequest invoke(
      String namespace, String className, String method, MiInstance target, MiInstance in) {
    return request(OperationKind.INVOKE)
        .namespace(namespace)
        .className(className)
        .instance(target)
        .method(method, in)
        .build();
  }

  static MiInstance keys(String className, String key, Object value) {
    return MiInstance.builder(className).key(key, value).build();
  }

  static MiInstance parameters(String name, Object value) {
    return MiInstance.builder("__Parameters").property(name, value).build();
  }
}
