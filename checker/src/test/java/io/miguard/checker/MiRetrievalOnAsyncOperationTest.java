package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** MiRetrievalOnAsyncOperation against the real binding. */
class MiRetrievalOnAsyncOperationTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MiRetrievalOnAsyncOperation.class, getClass());

  @Test
  void retrievalsFromAsynchronousOperations() {
    helper
        .addSourceLines(
            "Async.java",
            """
import io.miguard.mi.*;
class Async {
  void getInstance(MiSession s) {
    MiOperationCallbacks callbacks = new MiOperationCallbacks() {};
    try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service", callbacks)) {
      // BUG: Diagnostic contains: operation started asynchronously on line 5
      op.getInstance();
    }
  }

  void drainThroughAnAlias(MiSession s) {
    MiOperation op =
        s.enumerateInstances("root/cimv2", "Win32_Service", (InstanceCallback) (o, r, a) -> {});
    MiOperation alias = op;
    // BUG: Diagnostic contains: MiRetrievalOnAsyncOperation
    alias.drainInstances();
    // BUG: Diagnostic contains: MiRetrievalOnAsyncOperation
    for (MiInstance i : alias.instances()) {}
    op.close();
  }
}
""")
        .doTest();
  }

  @Test
  void synchronousAndUndecidedOperationsAreNotJudged() {
    helper
        .addSourceLines(
            "Sync.java",
            """
import io.miguard.mi.*;
class Sync {
  void sync(MiSession s) {
    try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service", null)) {
      op.drainInstances();
    }
  }

  void unknownCallbacks(MiSession s, MiOperationCallbacks callbacks) {
    try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service", callbacks)) {
      op.drainInstances();
    }
  }

  void maybeNull(MiSession s, boolean async) {
    MiOperationCallbacks callbacks = async ? new MiOperationCallbacks() {} : null;
    try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Service", callbacks)) {
      op.getInstance();
    }
  }

  void parameter(MiOperation op) {
    op.getInstance();
  }

  void callbacksFromAFactoryMethod(MiSession s) {
    // Not proven non-null: MiOperationCallbacks.onInstance is a method like any other.
    try (MiOperation op =
        s.enumerateInstances(
            "root/cimv2", "Win32_Service", MiOperationCallbacks.onInstance((o, r, a) -> {}))) {
      op.getInstance();
    }
  }
}
""")
        .doTest();
  }
}
