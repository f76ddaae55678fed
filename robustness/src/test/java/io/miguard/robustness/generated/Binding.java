package io.miguard.robustness.generated;

import java.util.Locale;

/**
 * The binding's vocabulary as generated code spells it: how each operation kind is started and
 * read, the identities impersonated, and the ways code is handed to another thread.
 */
final class Binding {
  private Binding() {}

  /** What a retrieval returns, and how to read and drain it. */
  enum ResultKind {
    INSTANCE("InstanceResult", "getInstance", "drainInstances", "readOneInstance", "drainLoop"),
    INDICATION(
        "IndicationResult",
        "getIndication",
        "drainInstances",
        "readOneIndication",
        "drainIndications"),
    CLASS("ClassResult", "getCimClass", "drainClasses", "readOneClass", "drainClassLoop");

    final String type;
    final String retrieve;
    final String drain;
    final String readOneHelper;
    final String drainHelper;

    ResultKind(
        String type, String retrieve, String drain, String readOneHelper, String drainHelper) {
      this.type = type;
      this.retrieve = retrieve;
      this.drain = drain;
      this.readOneHelper = readOneHelper;
      this.drainHelper = drainHelper;
    }
  }

  /** Every start method of MiSession, with the arguments before the callbacks. */
  enum OpKind {
    ENUMERATE("enumerateInstances", "NS, \"Win32_Process\"", true, ResultKind.INSTANCE),
    QUERY(
        "queryInstances",
        "NS, \"WQL\", \"SELECT Name FROM Win32_Service\"",
        true,
        ResultKind.INSTANCE),
    ASSOCIATORS(
        "associatorInstances", "NS, keys, null, null, null, null", true, ResultKind.INSTANCE),
    REFERENCES("referenceInstances", "NS, keys, null, null", true, ResultKind.INSTANCE),
    SUBSCRIBE(
        "subscribe",
        "NS, \"WQL\", \"SELECT * FROM __InstanceCreationEvent WITHIN 1\"",
        true,
        ResultKind.INDICATION),
    ENUMERATE_CLASSES("enumerateClasses", "NS, null, false", true, ResultKind.CLASS),
    GET("getInstance", "NS, keys", false, ResultKind.INSTANCE),
    CREATE("createInstance", "NS, keys", false, ResultKind.INSTANCE),
    MODIFY("modifyInstance", "NS, keys", false, ResultKind.INSTANCE),
    DELETE("deleteInstance", "NS, keys", false, ResultKind.INSTANCE),
    INVOKE("invoke", "NS, \"Win32_Process\", \"Create\", null, keys", false, ResultKind.INSTANCE),
    GET_CLASS("getCimClass", "NS, \"Win32_Process\"", false, ResultKind.CLASS),
    TEST_CONNECTION("testConnection", "", false, ResultKind.INSTANCE);

    final String method;
    final String arguments;
    final boolean multiple;
    final ResultKind results;

    OpKind(String method, String arguments, boolean multiple, ResultKind results) {
      this.method = method;
      this.arguments = arguments;
      this.multiple = multiple;
      this.results = results;
    }

    /** The start call on session {@code s}. */
    String start(Synchrony synchrony) {
      String callbacks =
          switch (synchrony) {
            case SYNC -> null;
            case SYNC_NULL_CALLBACKS -> "null";
            case ASYNC -> "new MiOperationCallbacks() {}";
          };
      String all =
          callbacks == null
              ? arguments
              : arguments.isEmpty() ? callbacks : arguments + ", " + callbacks;
      return "s." + method + "(" + all + ")";
    }
  }

  /** How an operation is started: without callbacks, with a literal null, or asynchronously. */
  enum Synchrony {
    SYNC,
    SYNC_NULL_CALLBACKS,
    ASYNC;

    boolean synchronous() {
      return this != ASYNC;
    }
  }

  /** The identities generated code impersonates: two final fields and a constant expression. */
  enum Ident {
    AUDITOR("AUDITOR"),
    OPERATOR("OPERATOR"),
    SERVICE("Identity.of(\"svc\")");

    final String code;

    Ident(String code) {
      this.code = code;
    }
  }

  /** The ways a block of code is handed to another thread. */
  enum Hop {
    EXECUTE("pool.execute(() -> {", "});"),
    SUBMIT("pool.submit(() -> {", "});"),
    THREAD("new Thread(() -> {", "}).start();"),
    RUN_ASYNC("CompletableFuture.runAsync(() -> {", "});");

    final String open;
    final String close;

    Hop(String open, String close) {
      this.open = open;
      this.close = close;
    }
  }

  /** The unit's factory of {@code kind}: returns a freshly started synchronous operation. */
  static String factoryName(OpKind kind) {
    return "start"
        + kind.name().charAt(0)
        + kind.name().substring(1).toLowerCase(Locale.ROOT).replace("_", "");
  }

  /** The declarations every generated class starts with (after its header). */
  static final String[] CLASS_CONSTANTS = {
    "static final String NS = \"root/cimv2\";",
    "static final Identity AUDITOR = Identity.of(\"CORP\\\\auditor\");",
    "static final Identity OPERATOR = Identity.of(\"CORP\\\\operator\");",
  };

  /** The imports of every generated class. */
  static final String[] IMPORTS = {
    "import io.miguard.mi.*;",
    "import java.util.*;",
    "import java.util.concurrent.*;",
    "import java.util.function.*;",
  };

  /**
   * Opens a generated class: its package, {@link #IMPORTS}, the class declaration and {@link
   * #CLASS_CONSTANTS}, which both generators start every class with.
   */
  static void openClass(SourceBuilder out, String className) {
    out.line("package gen;");
    out.line("");
    for (String line : IMPORTS) {
      out.line(line);
    }
    out.line("");
    out.open("class " + className + " {");
    for (String line : CLASS_CONSTANTS) {
      out.line(line);
    }
  }

  /**
   * Helpers of the unit the checks summarise: a factory of each operation kind, one retrieval of
   * each result kind (no drain, no escape), a canonical drain loop of each (a drain on every path),
   * and the boolean helpers that only return a result's {@code moreResults()} or its negation (the
   * accessor, to the checks).
   */
  static void writeHelpers(SourceBuilder out) {
    for (OpKind kind : OpKind.values()) {
      out.open(
          "private static MiOperation " + factoryName(kind) + "(MiSession s, MiInstance keys) {");
      out.line("return " + kind.start(Synchrony.SYNC) + ";");
      out.close("}");
    }
    for (ResultKind kind : ResultKind.values()) {
      out.open("private static boolean hasMore(" + kind.type + " r) {");
      out.line("return r.moreResults();");
      out.close("}");
      out.open("private static boolean isLast(" + kind.type + " r) {");
      out.line("return !r.moreResults();");
      out.close("}");
      out.open("private static void " + kind.readOneHelper + "(MiOperation op) {");
      out.line("op." + kind.retrieve + "();");
      out.close("}");
      out.open("private static void " + kind.drainHelper + "(MiOperation op) {");
      out.line(kind.type + " r;");
      out.open("do {");
      out.line("r = op." + kind.retrieve + "();");
      out.close("} while (r.moreResults());");
      out.close("}");
    }
  }
}
