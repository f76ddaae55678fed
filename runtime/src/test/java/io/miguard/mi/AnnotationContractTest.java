package io.miguard.mi;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The checks read the binding's protocol from class-retention annotations in its class files, so
 * this test reads the class files too (through {@code javap -v}), not the source: each annotation
 * must sit on the exact method or parameter the vocabulary's javadoc describes.
 */
class AnnotationContractTest {
  private static final String ANNOTATIONS = "io.miguard.annotations.";
  private static final Set<String> SINGLE_RESULT =
      Set.of(
          "getInstance",
          "createInstance",
          "modifyInstance",
          "deleteInstance",
          "invoke",
          "getCimClass",
          "testConnection");
  private static final Set<String> MULTIPLE_RESULTS =
      Set.of(
          "enumerateInstances",
          "queryInstances",
          "associatorInstances",
          "referenceInstances",
          "subscribe",
          "enumerateClasses");

  @Test
  void moreResultsIsOnTheAccessorOfEachResultRecord() {
    for (Class<?> record :
        List.of(InstanceResult.class, IndicationResult.class, ClassResult.class)) {
      ClassFile file = ClassFile.of(record);
      for (Map.Entry<String, Member> method : file.methods.entrySet()) {
        boolean expected = method.getKey().equals("moreResults()");
        assertWithMessage(record.getSimpleName() + "." + method.getKey())
            .that(method.getValue().annotations.contains(ANNOTATIONS + "MoreResults"))
            .isEqualTo(expected);
      }
      assertThat(file.methods).containsKey("moreResults()");
    }
  }

  @Test
  void operationHandleAndItsMethods() {
    ClassFile operation = ClassFile.of(MiOperation.class);
    assertThat(operation.classAnnotations).contains(ANNOTATIONS + "OperationHandle");
    assertThat(operation.annotationsOf("getInstance()"))
        .containsExactly(ANNOTATIONS + "RetrievesResult");
    assertThat(operation.annotationsOf("getIndication()"))
        .containsExactly(ANNOTATIONS + "RetrievesResult");
    assertThat(operation.annotationsOf("getCimClass()"))
        .containsExactly(ANNOTATIONS + "RetrievesResult");
    assertThat(operation.annotationsOf("drainInstances()"))
        .containsExactly(ANNOTATIONS + "DrainsResults");
    assertThat(operation.annotationsOf("drainClasses()"))
        .containsExactly(ANNOTATIONS + "DrainsResults");
    assertThat(operation.annotationsOf("instances()"))
        .containsExactly(ANNOTATIONS + "DrainedByIteration");
    assertThat(operation.annotationsOf("close()")).containsExactly(ANNOTATIONS + "ClosesOperation");
    assertThat(operation.annotationsOf("cancel(io.miguard.mi.CancellationReason)"))
        .containsExactly(ANNOTATIONS + "CancelsOperation");
    assertThat(ClassFile.of(MiOperationCallbacks.class).classAnnotations)
        .contains(ANNOTATIONS + "OperationCallbacks");
  }

  @Test
  void copiesAndLambdaCallbacksCarryTheirVocabulary() {
    assertThat(ClassFile.of(MiInstance.class).annotationsOf("cloneInstance()"))
        .containsExactly(ANNOTATIONS + "CopiesResult");
    assertThat(ClassFile.of(MiClass.class).annotationsOf("cloneClass()"))
        .containsExactly(ANNOTATIONS + "CopiesResult");
    for (Class<?> callback :
        List.of(InstanceCallback.class, IndicationCallback.class, ClassCallback.class)) {
      assertWithMessage(callback.getSimpleName())
          .that(ClassFile.of(callback).classAnnotations)
          .contains(ANNOTATIONS + "OperationCallbacks");
      assertWithMessage(callback.getSimpleName())
          .that(MiOperationCallbacks.class.isAssignableFrom(callback))
          .isTrue();
      assertWithMessage(callback.getSimpleName())
          .that(callback.isAnnotationPresent(FunctionalInterface.class))
          .isTrue();
    }
    assertThat(ClassFile.of(MiSession.class).annotationsOf("close()"))
        .containsExactly(ANNOTATIONS + "ClosesSession");
    assertThat(ClassFile.of(MiApplication.class).annotationsOf("close()"))
        .containsExactly(ANNOTATIONS + "ClosesApplication");
  }

  @Test
  void everySessionOperationStartsAnOperationWithTheRightModeAndResultCount() {
    ClassFile session = ClassFile.of(MiSession.class);
    int starters = 0;
    for (Map.Entry<String, Member> entry : session.methods.entrySet()) {
      Member method = entry.getValue();
      if (!method.header.startsWith("public io.miguard.mi.MiOperation ")) {
        continue;
      }
      starters++;
      String signature = entry.getKey();
      String name = signature.substring(0, signature.indexOf('('));
      boolean hasCallbacks = signature.endsWith("io.miguard.mi.MiOperationCallbacks)");
      assertWithMessage(signature)
          .that(method.annotations)
          .containsExactly(ANNOTATIONS + "StartsOperation");
      assertWithMessage(signature + " mode")
          .that(method.text)
          .contains(
              "StartsOperation$Mode;." + (hasCallbacks ? "DECIDED_BY_CALLBACKS" : "SYNCHRONOUS"));
      String results = SINGLE_RESULT.contains(name) ? "SINGLE" : "MULTIPLE";
      assertWithMessage(signature)
          .that(SINGLE_RESULT.contains(name) || MULTIPLE_RESULTS.contains(name))
          .isTrue();
      assertWithMessage(signature + " results")
          .that(method.text)
          .contains("StartsOperation$Results;." + results);
      int parameters = method.parameterCount();
      Map<Integer, List<String>> expected = new LinkedHashMap<>();
      if (hasCallbacks) {
        expected.put(parameters - 1, List.of(ANNOTATIONS + "AsyncIfNonNull"));
      }
      assertWithMessage(signature + " parameter annotations")
          .that(method.parameterAnnotations)
          .isEqualTo(expected);
    }
    assertThat(starters).isEqualTo(3 * (SINGLE_RESULT.size() + MULTIPLE_RESULTS.size()));
  }

  @Test
  void securityContextVocabulary() {
    ClassFile context = ClassFile.of(SecurityContext.class);
    Map<Integer, List<String>> identityFirst = Map.of(0, List.of(ANNOTATIONS + "ContextIdentity"));
    Member impersonate = context.methods.get("impersonate(io.miguard.mi.Identity)");
    assertThat(impersonate.annotations).containsExactly(ANNOTATIONS + "EntersSecurityContext");
    assertThat(impersonate.parameterAnnotations).isEqualTo(identityFirst);
    for (String runAs :
        List.of(
            "runAs(io.miguard.mi.Identity, java.util.function.Supplier<T>)",
            "runAs(io.miguard.mi.Identity, java.lang.Runnable)")) {
      Member method = context.methods.get(runAs);
      assertWithMessage(runAs).that(method).isNotNull();
      assertThat(method.annotations).containsExactly(ANNOTATIONS + "RunsAs");
      assertThat(method.parameterAnnotations).isEqualTo(identityFirst);
    }
    assertThat(ClassFile.of(Impersonation.class).annotationsOf("close()"))
        .containsExactly(ANNOTATIONS + "LeavesSecurityContext");
  }

  /** One method of a class file as javap shows it. */
  private static final class Member {
    final String header;
    final String text;
    final List<String> annotations = new ArrayList<>();
    final Map<Integer, List<String>> parameterAnnotations = new LinkedHashMap<>();

    Member(String header, String text) {
      this.header = header;
      this.text = text;
    }

    int parameterCount() {
      String parameters = header.substring(header.indexOf('(') + 1, header.lastIndexOf(')'));
      return parameters.isEmpty() ? 0 : parameters.split(", ").length;
    }
  }

  /** The methods and class annotations of a class file, from {@code javap -v -p}. */
  private static final class ClassFile {
    private static final Pattern HEADER = Pattern.compile("^  (\\S.*\\))(?: throws [\\w.$, ]+)?;$");
    private static final Pattern ANNOTATION =
        Pattern.compile("^\\s+(io\\.miguard\\.annotations\\.\\w+)");
    private static final Pattern PARAMETER = Pattern.compile("^\\s+parameter (\\d+):");

    final Map<String, Member> methods = new LinkedHashMap<>();
    final List<String> classAnnotations = new ArrayList<>();

    List<String> annotationsOf(String signature) {
      Member method = methods.get(signature);
      assertWithMessage("method " + signature).that(method).isNotNull();
      return method.annotations;
    }

    static ClassFile of(Class<?> type) {
      ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
      StringWriter out = new StringWriter();
      Path file;
      try {
        file = Path.of(type.getResource(type.getSimpleName() + ".class").toURI());
      } catch (java.net.URISyntaxException e) {
        throw new AssertionError(e);
      }
      int status =
          javap.run(
              new PrintWriter(out),
              new PrintWriter(new StringWriter()),
              "-v",
              "-p",
              file.toString());
      assertThat(status).isEqualTo(0);
      return parse(out.toString());
    }

    private static ClassFile parse(String javap) {
      ClassFile file = new ClassFile();
      int end = javap.indexOf("\n}\nSourceFile");
      String body = javap.substring(0, end);
      String trailer = javap.substring(end);
      for (String line : trailer.split("\n")) {
        Matcher annotation = ANNOTATION.matcher(line);
        if (annotation.find()) {
          file.classAnnotations.add(annotation.group(1));
        }
      }
      String[] lines = body.split("\n");
      for (int i = 0; i < lines.length; i++) {
        Matcher header = HEADER.matcher(lines[i]);
        if (!header.matches()) {
          continue;
        }
        int next = i + 1;
        while (next < lines.length && !HEADER.matcher(lines[next]).matches()) {
          next++;
        }
        List<String> section = List.of(lines).subList(i + 1, next);
        Member member = new Member(header.group(1), String.join("\n", section));
        readAnnotations(section, member);
        String declaration = header.group(1);
        int paren = declaration.indexOf('(');
        String signature = declaration.substring(declaration.lastIndexOf(' ', paren) + 1);
        file.methods.put(signature, member);
        i = next - 1;
      }
      return file;
    }

    /** Method annotations, and parameter annotations by parameter index. */
    private static void readAnnotations(List<String> section, Member member) {
      Integer parameter = null;
      boolean inParameters = false;
      for (String line : section) {
        if (line.trim().equals("RuntimeInvisibleParameterAnnotations:")) {
          inParameters = true;
          continue;
        }
        if (line.trim().equals("RuntimeInvisibleAnnotations:")) {
          inParameters = false;
          parameter = null;
          continue;
        }
        Matcher parameterLine = PARAMETER.matcher(line);
        if (inParameters && parameterLine.find()) {
          parameter = Integer.valueOf(parameterLine.group(1));
          continue;
        }
        Matcher annotation = ANNOTATION.matcher(line);
        if (annotation.find()) {
          if (inParameters && parameter != null) {
            member
                .parameterAnnotations
                .computeIfAbsent(parameter, p -> new ArrayList<>())
                .add(annotation.group(1));
          } else {
            member.annotations.add(annotation.group(1));
          }
        }
      }
    }
  }
}
