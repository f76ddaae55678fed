import io.miguard.mi.Identity;
import io.miguard.mi.Impersonation;
import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiOperation;
import io.miguard.mi.MiOperationCallbacks;
import io.miguard.mi.MiSession;
import io.miguard.mi.ResultAcknowledgement;
import io.miguard.mi.SecurityContext;
import java.util.concurrent.Executor;

/** The security-context dimension of the engine, as close events expose it. */
class Contexts {
  static final String NS = "root/cimv2";

  void startedInsideClosedAfter(MiSession s, Identity user) {
    MiOperation op;
    try (Impersonation as = SecurityContext.impersonate(user)) {
      op = s.testConnection();
      op.getInstance();
    }
    // BUG: Diagnostic contains: close op kind=EXPLICIT entry=METHOD at=METHOD_ENTRY started=IMPERSONATION(user) compare=DIFFERENT
    op.close();
  }

  void startedAndClosedInside(MiSession s, Identity user) {
    try (Impersonation as = SecurityContext.impersonate(user);
        // BUG: Diagnostic contains: close op kind=TRY_WITH_RESOURCES entry=METHOD at=IMPERSONATION(user) started=IMPERSONATION(user) compare=SAME
        MiOperation op = s.testConnection()) {
      op.getInstance();
    }
  }

  void explicitlyLeft(MiSession s, Identity user) {
    Impersonation as = SecurityContext.impersonate(user);
    MiOperation op = s.testConnection();
    op.getInstance();
    as.close();
    // BUG: Diagnostic contains: close op kind=EXPLICIT entry=METHOD at=METHOD_ENTRY started=IMPERSONATION(user) compare=DIFFERENT
    op.close();
  }

  void sameVariableTwice(MiSession s, Identity user) {
    MiOperation op;
    try (Impersonation first = SecurityContext.impersonate(user)) {
      op = s.testConnection();
      op.getInstance();
    }
    try (Impersonation again = SecurityContext.impersonate(user)) {
      // BUG: Diagnostic contains: close op kind=EXPLICIT entry=METHOD at=IMPERSONATION(user) started=IMPERSONATION(user) compare=SAME
      op.close();
    }
  }

  void sameConstantIdentity(MiSession s) {
    MiOperation op;
    try (Impersonation first = SecurityContext.impersonate(Identity.of("svc"))) {
      op = s.testConnection();
      op.getInstance();
    }
    try (Impersonation again = SecurityContext.impersonate(Identity.of("svc"))) {
      // BUG: Diagnostic contains: at=IMPERSONATION(Identity.of("svc")) started=IMPERSONATION(Identity.of("svc")) compare=SAME
      op.close();
    }
  }

  void nestedImpersonations(MiSession s, Identity user, Identity admin) {
    try (Impersonation outer = SecurityContext.impersonate(user)) {
      MiOperation op = s.testConnection();
      op.getInstance();
      try (Impersonation inner = SecurityContext.impersonate(admin)) {
        // BUG: Diagnostic contains: at=IMPERSONATION(admin) started=IMPERSONATION(user) compare=DIFFERENT
        op.close();
      }
    }
  }

  void impersonationOnOneBranchOnly(MiSession s, Identity user, boolean elevate) {
    MiOperation op = s.testConnection();
    op.getInstance();
    Impersonation as = elevate ? SecurityContext.impersonate(user) : null;
    // BUG: Diagnostic contains: at=CONFLICT started=METHOD_ENTRY compare=UNKNOWN
    op.close();
    if (as != null) {
      as.close();
    }
  }

  void closedInsideRunAs(MiSession s, Identity other) {
    MiOperation op = s.testConnection();
    op.getInstance();
    SecurityContext.runAs(
        other,
        () -> {
          // BUG: Diagnostic contains: close op kind=EXPLICIT entry=RUN_AS at=RUN_AS(other) started=METHOD_ENTRY compare=DIFFERENT
          op.close();
        });
  }

  void startedAndClosedInsideRunAs(MiSession s, Identity other) {
    SecurityContext.runAs(
        other,
        () -> {
          MiOperation op = s.testConnection();
          op.getInstance();
          // BUG: Diagnostic contains: entry=RUN_AS at=RUN_AS(other) started=RUN_AS(other) compare=SAME
          op.close();
        });
  }

  void closedOnAnotherThread(MiSession s, Identity user, Executor pool) {
    try (Impersonation as = SecurityContext.impersonate(user)) {
      MiOperation op = s.testConnection();
      op.getInstance();
      pool.execute(
          () -> {
            // BUG: Diagnostic contains: entry=OTHER_THREAD at=OTHER_THREAD started=IMPERSONATION(user) compare=DIFFERENT
            op.close();
          });
    }
  }

  void methodReferenceOnAnotherThread(MiSession s, Identity user, Executor pool) {
    try (Impersonation as = SecurityContext.impersonate(user)) {
      MiOperation op = s.testConnection();
      op.getInstance();
      // BUG: Diagnostic contains: close op kind=METHOD_REFERENCE entry=METHOD at=OTHER_THREAD started=IMPERSONATION(user) compare=DIFFERENT
      pool.execute(op::close);
    }
  }

  void closedInItsCallback(MiSession s) {
    s.enumerateInstances(
        NS,
        "Win32_Service",
        new MiOperationCallbacks() {
          @Override
          public void instanceResult(
              MiOperation operation, InstanceResult result, ResultAcknowledgement ack) {
            if (!result.moreResults()) {
              // BUG: Diagnostic contains: close operation kind=EXPLICIT entry=CALLBACK at=CALLBACK started=CALLBACK compare=SAME
              operation.close();
            }
          }
        });
  }
}
