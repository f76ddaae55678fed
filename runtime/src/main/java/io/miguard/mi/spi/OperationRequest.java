package io.miguard.mi.spi;

import io.miguard.mi.Identity;
import io.miguard.mi.MiInstance;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One operation as the binding hands it to a backend. Fields a kind does not use are null.
 *
 * @param kind what to do
 * @param identity the security context the operation was started in (access checks use it)
 * @param namespace the CIM namespace ({@code root/cimv2}); null only for TEST_CONNECTION
 * @param className the class for enumerate, get class, enumerate classes (null: all), invoke
 * @param instance the key instance (get, delete, associators/references source, invoke target), the
 *     new instance (create) or the changed instance (modify)
 * @param dialect the query dialect ({@code WQL}) for query and subscribe
 * @param query the query text for query and subscribe
 * @param associationClass associators: the association class filter
 * @param resultClass associators and references: the result class filter
 * @param role associators and references: the role of the source in the association
 * @param resultRole associators: the role of the result in the association
 * @param methodName invoke: the method
 * @param inParameters invoke: the input parameters, as an instance of class {@code __Parameters}
 * @param namesOnly enumerate classes: only names
 */
public record OperationRequest(
    OperationKind kind,
    Identity identity,
    @Nullable String namespace,
    @Nullable String className,
    @Nullable MiInstance instance,
    @Nullable String dialect,
    @Nullable String query,
    @Nullable String associationClass,
    @Nullable String resultClass,
    @Nullable String role,
    @Nullable String resultRole,
    @Nullable String methodName,
    @Nullable MiInstance inParameters,
    boolean namesOnly) {
  public OperationRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(identity, "identity");
  }

  /** A request of the given kind from the given identity with every other field empty. */
  public static Builder builder(OperationKind kind, Identity identity) {
    return new Builder(kind, identity);
  }

  /** Builds an {@link OperationRequest}. */
  public static final class Builder {
    private final OperationKind kind;
    private final Identity identity;
    private @Nullable String namespace;
    private @Nullable String className;
    private @Nullable MiInstance instance;
    private @Nullable String dialect;
    private @Nullable String query;
    private @Nullable String associationClass;
    private @Nullable String resultClass;
    private @Nullable String role;
    private @Nullable String resultRole;
    private @Nullable String methodName;
    private @Nullable MiInstance inParameters;
    private boolean namesOnly;

    private Builder(OperationKind kind, Identity identity) {
      this.kind = kind;
      this.identity = identity;
    }

    public Builder namespace(@Nullable String value) {
      namespace = value;
      return this;
    }

    public Builder className(@Nullable String value) {
      className = value;
      return this;
    }

    public Builder instance(@Nullable MiInstance value) {
      instance = value;
      return this;
    }

    public Builder query(@Nullable String dialect, @Nullable String query) {
      this.dialect = dialect;
      this.query = query;
      return this;
    }

    public Builder association(
        @Nullable String associationClass,
        @Nullable String resultClass,
        @Nullable String role,
        @Nullable String resultRole) {
      this.associationClass = associationClass;
      this.resultClass = resultClass;
      this.role = role;
      this.resultRole = resultRole;
      return this;
    }

    public Builder method(@Nullable String methodName, @Nullable MiInstance inParameters) {
      this.methodName = methodName;
      this.inParameters = inParameters;
      return this;
    }

    public Builder namesOnly(boolean value) {
      namesOnly = value;
      return this;
    }

    public OperationRequest build() {
      return new OperationRequest(
          kind,
          identity,
          namespace,
          className,
          instance,
          dialect,
          query,
          associationClass,
          resultClass,
          role,
          resultRole,
          methodName,
          inParameters,
          namesOnly);
    }
  }
}
