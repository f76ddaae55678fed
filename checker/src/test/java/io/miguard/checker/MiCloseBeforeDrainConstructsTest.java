package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * MiCloseBeforeDrain over every construct a body can use: constructors, initializers, field
 * initializers, switch statements and expressions, nested operations, try/finally,
 * try-with-resources with several resources, lambdas, anonymous and local classes.
 */
class MiCloseBeforeDrainConstructsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
          .setArgs(FailFast.FLAG);

  @Test
  void everyConstruct() {
    helper.addSourceFile("testdata/Constructs.java").doTest();
  }
}
