package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models name symbols as javac sees them: nested types, erased generic and array parameters,
 * varargs and constructors each get their role, in the same compilation as the client code.
 */
class ModelsTargetsTest {
  @TempDir Path directory;

  private static final String[] LIBRARY = {
    "package lib;",
    "import java.util.List;",
    "public final class Outer {",
    "  public static final class Handle implements AutoCloseable {",
    "    public void drainAll() {}",
    "    @Override public void close() {}",
    "  }",
    "  public static <T extends CharSequence> Handle open(T what, String... more) {",
    "    return new Handle();",
    "  }",
    "  public static Handle openMany(List<String> names, int[] sizes) {",
    "    return new Handle();",
    "  }",
    "}"
  };

  private static final String[] WORKER = {
    "package lib;",
    "public final class Worker {",
    "  public Worker(Runnable task) {",
    "    new Thread(task).start();",
    "  }",
    "}"
  };

  private static final List<String> MODELS =
      List.of(
          "lib.Outer$Handle = OPERATION_HANDLE",
          "lib.Outer.Handle#close() = CLOSES_OPERATION",
          "lib.Outer.Handle#drainAll() = DRAINS_RESULTS",
          "lib.Outer#open(java.lang.CharSequence, java.lang.String...) = STARTS_OPERATION",
          "lib.Outer#openMany(java.util.List, int[]) = STARTS_OPERATION",
          "lib.Worker#<init>(java.lang.Runnable)[0] = RUNS_ON_ANOTHER_THREAD");

  private String modelsFlag(List<String> lines) throws IOException {
    Path file = directory.resolve("lib.models");
    Files.write(file, lines);
    return "-XepOpt:Miguard:Models=" + file;
  }

  @Test
  void nestedTypesGenericArrayAndVarargsParameters() throws IOException {
    CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
        .setArgs(FailFast.FLAG, modelsFlag(MODELS))
        .addSourceLines("lib/Outer.java", LIBRARY)
        .addSourceLines(
            "Client.java",
            "import java.util.List;",
            "import lib.Outer;",
            "class Client {",
            "  void generic() {",
            "    Outer.Handle h = Outer.open(\"x\");",
            "    // BUG: Diagnostic contains: Operation 'h' (started on line 5) is closed",
            "    h.close();",
            "  }",
            "  void arrays() {",
            "    Outer.Handle h = Outer.openMany(List.of(), new int[0]);",
            "    // BUG: Diagnostic contains: Operation 'h' (started on line 10) is closed",
            "    h.close();",
            "  }",
            "  void drained() {",
            "    Outer.Handle h = Outer.openMany(List.of(), new int[0]);",
            "    h.drainAll();",
            "    h.close();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void withoutTheModelsNothingIsKnown() throws IOException {
    CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
        .setArgs(FailFast.FLAG, modelsFlag(List.of("# nothing")))
        .addSourceLines("lib/Outer.java", LIBRARY)
        .addSourceLines(
            "Client.java",
            "import lib.Outer;",
            "class Client {",
            "  void generic() {",
            "    Outer.Handle h = Outer.open(\"x\");",
            "    h.close();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void aConstructorsParameter() throws IOException {
    CompilationTestHelper.newInstance(MiCloseInDifferentContext.class, getClass())
        .setArgs(FailFast.FLAG, modelsFlag(MODELS))
        .addSourceLines("lib/Outer.java", LIBRARY)
        .addSourceLines("lib/Worker.java", WORKER)
        .addSourceLines(
            "Client.java",
            "import io.miguard.mi.Identity;",
            "import io.miguard.mi.Impersonation;",
            "import io.miguard.mi.SecurityContext;",
            "import lib.Outer;",
            "import lib.Worker;",
            "class Client {",
            "  void handedToAWorker(Identity user) {",
            "    try (Impersonation as = SecurityContext.impersonate(user)) {",
            "      Outer.Handle h = Outer.open(\"x\");",
            "      h.drainAll();",
            "      // BUG: Diagnostic contains: but is closed here on another thread",
            "      new Worker(() -> h.close());",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
