package io.miguard.checker.analysis;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The engine's context dimension: the stack at each close and at each operation's start, entered
 * and left by impersonation scopes (try-with-resources or explicit), {@code @RunsAs} bodies, bodies
 * on other threads and callbacks; joins of different contexts; identities by variable and constant.
 */
class SecurityContextTrackingTest {
  @Test
  void contextsAtCloses() {
    CompilationTestHelper.newInstance(CloseEventProbe.class, getClass())
        .addSourceFile("../testdata/Contexts.java")
        .doTest();
  }
}
