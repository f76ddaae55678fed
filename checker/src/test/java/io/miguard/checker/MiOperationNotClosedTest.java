package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** MiOperationNotClosed against the real binding. */
class MiOperationNotClosedTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MiOperationNotClosed.class, getClass())
          .setArgs(FailFast.FLAG);

  @Test
  void operationsLeftOpenOnSomeNormalPath() {
    helper
        .addSourceLines(
            "Leaks.java",
            """
import io.miguard.mi.*;
import java.util.List;
class Leaks {
  List<MiInstance> neverClosed(MiSession s) {
    // BUG: Diagnostic contains: is not closed on any path on which the method completes
    MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service");
    return op.drainInstances();
  }

  int closedOnOnePathOnly(MiSession s, boolean quick) {
    // BUG: Diagnostic contains: may be left open: the path through line 15 does not close
    MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service");
    int n = op.drainInstances().size();
    if (quick) {
      return n;
    }
    op.close();
    return n;
  }

  private final int count =
      // BUG: Diagnostic contains: is not closed on any path on which the initializer completes
      Leaks.session().enumerateInstances("root/cimv2", "Win32_Service").drainInstances().size();

  static MiSession session() {
    return null;
  }

  void asyncWithCallbacksThatNeverTouchTheOperation(MiSession s) {
    // BUG: Diagnostic contains: MiOperationNotClosed
    s.enumerateInstances(
        "root/cimv2", "Win32_Service", MiOperationCallbacks.onInstance((o, r, a) -> {}));
  }

  void helperThatOnlyReads(MiSession s) {
    // BUG: Diagnostic contains: is not closed
    MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service");
    count(op);
  }

  private static int count(MiOperation op) {
    return op.drainInstances().size();
  }
}
""")
        .doTest();
  }

  @Test
  void closedEscapedOrHandedToCallbacksIsSilent() {
    helper
        .addSourceLines(
            "Closed.java",
            """
import io.miguard.annotations.ClosesOperation;
import io.miguard.mi.*;
import java.util.List;
class Closed {
  MiOperation field;

  List<MiInstance> tryWithResources(MiSession s) {
    try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service")) {
      return op.drainInstances();
    }
  }

  void finallyWithNullCheck(MiSession s) {
    MiOperation op = null;
    try {
      op = s.enumerateInstances("root/cimv2", "Win32_Service");
      op.drainInstances();
    } finally {
      if (op != null) {
        op.close();
      }
    }
  }

  MiOperation returned(MiSession s) {
    return s.enumerateInstances("root/cimv2", "Win32_Service");
  }

  void stored(MiSession s) {
    field = s.enumerateInstances("root/cimv2", "Win32_Service");
  }

  void passedToUnknownCode(MiSession s, java.util.function.Consumer<MiOperation> sink) {
    sink.accept(s.enumerateInstances("root/cimv2", "Win32_Service"));
  }

  void captured(MiSession s, java.util.concurrent.Executor e) {
    MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service");
    e.execute(() -> op.close());
  }

  void closingHelper(MiSession s) {
    MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service");
    op.drainInstances();
    finish(op);
  }

  void annotatedClosingHelper(MiSession s) {
    MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service");
    op.drainInstances();
    closeQuietly(op);
  }

  void callbacksThatMayClose(MiSession s, MiOperationCallbacks callbacks) {
    s.enumerateInstances("root/cimv2", "Win32_Service", callbacks);
    s.enumerateInstances(
        "root/cimv2",
        "Win32_Service",
        MiOperationCallbacks.onInstance(
            (o, r, a) -> {
              if (!r.moreResults()) {
                o.close();
              }
            }));
  }

  int closeMayThrowAndIsCaught(MiSession s) {
    try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service")) {
      return op.drainInstances().size();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  void neverCompletesNormally(MiSession s) {
    MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service");
    throw new IllegalStateException();
  }

  private static void finish(MiOperation op) {
    op.close();
  }

  private static void closeQuietly(@ClosesOperation MiOperation op) {}
}
""")
        .doTest();
  }

  @Test
  void sessionClosedOverAnOpenOperation() {
    helper
        .addSourceLines(
            "Sessions.java",
            """
import io.miguard.mi.*;
class Sessions {
  int explicitClose(MiApplication app) {
    MiSession s = app.newSession("WINRM", "host");
    // BUG: Diagnostic contains: is not closed
    MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service");
    int n = op.drainInstances().size();
    // BUG: Diagnostic contains: Session 's' is closed here while the operation started on it on line 6 is still open
    s.close();
    return n;
  }

  int tryWithResources(MiApplication app) {
    // BUG: Diagnostic contains: Session 's' is closed here while the operation
    try (MiSession s = app.newSession("WINRM", "host")) {
      // BUG: Diagnostic contains: MiOperationNotClosed
      MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service");
      return op.drainInstances().size();
    }
  }

  int closedFirst(MiApplication app) {
    try (MiSession s = app.newSession("WINRM", "host");
        MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service")) {
      return op.drainInstances().size();
    }
  }

  int otherSession(MiApplication app, MiSession other) {
    MiSession s = app.newSession("WINRM", "host");
    try (MiOperation op = other.enumerateInstances("root/cimv2", "Win32_Service")) {
      s.close();
      return op.drainInstances().size();
    }
  }
}
""")
        .doTest();
  }

  @Test
  void tryWithResourcesInsideCatchAllIsClosedOnEveryPath() {
    // From the bench's nesting table: the start's own exception never opened the operation, and
    // the implicit close runs on every other path to the handler.
    helper
        .addSourceLines(
            "Nested.java",
            """
import io.miguard.mi.*;
class Nested {
  int nested(MiSession session, int limit) {
    int total = 0;
    MiOperation outer = session.enumerateInstances("root/cimv2", "Outer");
    for (int i = 0; i < limit; i++) {
      total += 1;
      try {
        try (MiOperation inner = session.enumerateInstances("root/cimv2", "Inner")) {
          for (MiInstance x : inner.instances()) {
            total += x.className().length();
          }
        }
      } catch (RuntimeException e) {
        total--;
      }
    }
    total += outer.drainInstances().size();
    outer.close();
    return total;
  }

  int startCaught(MiSession session) {
    MiOperation op;
    try {
      op = session.enumerateInstances("root/cimv2", "X");
    } catch (MiException e) {
      return 0;
    }
    int n = op.drainInstances().size();
    op.close();
    return n;
  }
}
""")
        .doTest();
  }
}
