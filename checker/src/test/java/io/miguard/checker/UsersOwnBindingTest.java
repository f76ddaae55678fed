package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The check knows no binding by name: a user's own handle, result and session types that carry the
 * annotations are understood the same way as the miguard binding, and their {@code @DrainsResults}
 * methods are verified.
 */
class UsersOwnBindingTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
          .setArgs(FailFast.FLAG);

  @Test
  void annotatedWrappersOfTheUser() {
    helper
        .addSourceFile("testdata/fake/Query.java")
        .addSourceFile("testdata/fake/Row.java")
        .addSourceFile("testdata/fake/Connection.java")
        .addSourceFile("testdata/UsersOwnBinding.java")
        .doTest();
  }

  @Test
  void drainsResultsMethodsAreVerified() {
    helper.addSourceFile("testdata/DrainsResultsMethods.java").doTest();
  }
}
