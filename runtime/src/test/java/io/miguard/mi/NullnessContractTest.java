package io.miguard.mi;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The binding's JSpecify {@code @Nullable} annotations are part of its API: NullAway and other
 * nullness checkers read them from the class files to check the code that calls the binding. This
 * test pins them to binding-api.md: what the contract lets be null is {@code @Nullable}, what it
 * requires is not.
 */
class NullnessContractTest {
  /**
   * For each operation, whether each parameter before the trailing options and callbacks may be
   * null, in order: the optional filters of associators and references, the class or target of
   * invoke (one of them is needed), the in-parameters of invoke, and enumerate classes' class.
   */
  private static final Map<String, List<Boolean>> LEADING_PARAMETERS_NULLABLE =
      Map.ofEntries(
          Map.entry("getInstance", List.of(false, false)),
          Map.entry("enumerateInstances", List.of(false, false)),
          Map.entry("queryInstances", List.of(false, false, false)),
          Map.entry("associatorInstances", List.of(false, false, true, true, true, true)),
          Map.entry("referenceInstances", List.of(false, false, true, true)),
          Map.entry("createInstance", List.of(false, false)),
          Map.entry("modifyInstance", List.of(false, false)),
          Map.entry("deleteInstance", List.of(false, false)),
          Map.entry("invoke", List.of(false, true, false, true, true)),
          Map.entry("subscribe", List.of(false, false, false)),
          Map.entry("getCimClass", List.of(false, false)),
          Map.entry("enumerateClasses", List.of(false, true, false)),
          Map.entry("testConnection", List.of()));

  @Test
  void sessionOperationsTakeNullCallbacksOptionsAndFiltersButRequireTheRest() {
    Set<String> seen = new HashSet<>();
    for (Method method : MiSession.class.getDeclaredMethods()) {
      if (!Modifier.isPublic(method.getModifiers())
          || method.getReturnType() != MiOperation.class) {
        continue;
      }
      List<Boolean> leading = LEADING_PARAMETERS_NULLABLE.get(method.getName());
      assertWithMessage(method.toString()).that(leading).isNotNull();
      AnnotatedType[] parameters = method.getAnnotatedParameterTypes();
      assertWithMessage(method.toString())
          .that(parameters.length - leading.size())
          .isIn(List.of(0, 1, 2));
      for (int i = 0; i < parameters.length; i++) {
        // After the leading parameters come the options and the callbacks: both may be null.
        boolean expected = i < leading.size() ? leading.get(i) : true;
        assertWithMessage(method + " parameter " + i)
            .that(isNullable(parameters[i]))
            .isEqualTo(expected);
      }
      seen.add(method.getName());
    }
    assertThat(seen).containsExactlyElementsIn(LEADING_PARAMETERS_NULLABLE.keySet());
  }

  @Test
  void applicationSessionsTakeNullProtocolDestinationAndOptions() throws Exception {
    Method newSession =
        MiApplication.class.getMethod(
            "newSession", String.class, String.class, DestinationOptions.class);
    for (AnnotatedType parameter : newSession.getAnnotatedParameterTypes()) {
      assertWithMessage(parameter.toString()).that(isNullable(parameter)).isTrue();
    }
  }

  @Test
  void resultComponentsThatMayBeNullAreNullableAndTheResultCodeIsNot() throws Exception {
    assertNullableAccessors(
        InstanceResult.class, Set.of("instance", "errorMessage", "completionDetails"));
    assertNullableAccessors(
        IndicationResult.class,
        Set.of("instance", "bookmark", "machineId", "errorMessage", "completionDetails"));
    assertNullableAccessors(
        ClassResult.class, Set.of("cimClass", "errorMessage", "completionDetails"));
  }

  @Test
  void absentValuesReadAsNullAreNullable() throws Exception {
    assertThat(returnsNullable(MiInstance.class.getMethod("get", String.class))).isTrue();
    assertThat(returnsNullable(MiInstance.class.getMethod("namespace"))).isTrue();
    assertThat(returnsNullable(MiInstance.class.getMethod("className"))).isFalse();
    assertThat(returnsNullable(MiClass.class.getMethod("superClassName"))).isTrue();
    assertThat(returnsNullable(MiException.class.getMethod("errorDetails"))).isTrue();
    assertThat(returnsNullable(MiException.class.getMethod("errorMessage"))).isFalse();
    assertThat(returnsNullable(OperationOptions.class.getMethod("timeout"))).isTrue();
  }

  private static void assertNullableAccessors(Class<? extends Record> type, Set<String> nullable)
      throws Exception {
    for (var component : type.getRecordComponents()) {
      assertWithMessage(type.getSimpleName() + "." + component.getName() + "()")
          .that(returnsNullable(type.getMethod(component.getName())))
          .isEqualTo(nullable.contains(component.getName()));
    }
  }

  private static boolean returnsNullable(Method method) {
    return isNullable(method.getAnnotatedReturnType());
  }

  private static boolean isNullable(AnnotatedType type) {
    return type.isAnnotationPresent(Nullable.class);
  }
}
