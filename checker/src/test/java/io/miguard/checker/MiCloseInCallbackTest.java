package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** MiCloseInCallback against the real binding. */
class MiCloseInCallbackTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MiCloseInCallback.class, getClass());

  @Test
  void closesOnTheCallbackThread() {
    helper
        .addSourceLines(
            "Callbacks.java",
            """
import io.miguard.mi.*;
class Callbacks {
  void anonymous(MiApplication app, MiSession s) {
    s.enumerateInstances(
        "root/cimv2",
        "Win32_Service",
        new MiOperationCallbacks() {
          @Override
          public void instanceResult(
              MiOperation op, InstanceResult r, ResultAcknowledgement ack) {
            if (!r.moreResults()) {
              op.close();
              // BUG: Diagnostic contains: The application 'app' is closed inside an operation callback
              app.close();
            }
          }
        });
  }

  MiOperationCallbacks lambda(MiSession s) {
    return MiOperationCallbacks.onInstance(
        (op, r, ack) -> {
          op.close();
          // BUG: Diagnostic contains: Session 's' is closed inside an operation callback
          s.close();
        });
  }

  static final class Watcher implements MiOperationCallbacks {
    private final MiApplication app;

    Watcher(MiApplication app) {
      this.app = app;
    }

    @Override
    public void writeError(MiOperation op, MiInstance error) {
      // BUG: Diagnostic contains: MiCloseInCallback
      try (MiSession other = app.newSession("WINRM", "host")) {}
    }
  }
}
""")
        .doTest();
  }

  @Test
  void closesElsewhereAreSilent() {
    helper
        .addSourceLines(
            "Elsewhere.java",
            """
            import io.miguard.mi.*;
            import java.util.concurrent.Executor;
            class Elsewhere {
              void notACallback(MiApplication app, MiSession s) {
                s.close();
                app.close();
              }

              MiOperationCallbacks handsTheCloseToAnotherThread(MiApplication app, Executor e) {
                return MiOperationCallbacks.onInstance(
                    (op, r, ack) -> {
                      op.close();
                      e.execute(() -> app.close());
                    });
              }

              static final class Holder implements MiOperationCallbacks {
                private final MiApplication app;

                Holder(MiApplication app) {
                  this.app = app;
                }

                void shutdown() {
                  app.close();
                }
              }
            }
            """)
        .doTest();
  }
}
