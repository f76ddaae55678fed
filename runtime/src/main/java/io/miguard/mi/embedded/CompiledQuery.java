package io.miguard.mi.embedded;

import io.miguard.mi.MiInstance;
import io.miguard.mi.embedded.wql.ConditionEvaluator;
import io.miguard.mi.embedded.wql.WqlQuery;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A WQL query checked against a namespace's classes, ready to filter and project instances.
 *
 * <p>Projection keeps the selected properties and, as WMI does, the keys.
 */
final class CompiledQuery {
  private final String namespace;
  private final String className;
  private final WqlQuery query;
  private final ConditionEvaluator evaluator;
  private final @Nullable Set<String> selected; // lower-case names, null for SELECT *

  CompiledQuery(String namespace, String className, WqlQuery query, CimRepository repository) {
    this.namespace = namespace;
    this.className = className;
    this.query = query;
    this.evaluator =
        new ConditionEvaluator((name, ancestor) -> repository.isA(namespace, name, ancestor));
    this.selected =
        query.selectsAll()
            ? null
            : query.selected().get().stream()
                .map(p -> p.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
  }

  /** The namespace, as the repository spells it. */
  String namespace() {
    return namespace;
  }

  /** The class after FROM, as declared. */
  String className() {
    return className;
  }

  WqlQuery query() {
    return query;
  }

  /** Whether the instance satisfies the WHERE condition (always, without one). */
  boolean matches(MiInstance instance) {
    return query.where().map(where -> evaluator.matches(where, instance)).orElse(true);
  }

  /** The instance reduced to the selected properties and its keys. */
  MiInstance project(MiInstance instance) {
    Set<String> kept = selected;
    if (kept == null) {
      return instance;
    }
    MiInstance.Builder builder = MiInstance.builder(instance.className()).namespace(namespace);
    instance
        .properties()
        .forEach(
            (name, value) -> {
              if (instance.keyNames().contains(name)) {
                builder.key(name, value);
              } else if (kept.contains(name.toLowerCase(Locale.ROOT))) {
                builder.property(name, value);
              }
            });
    return builder.build();
  }
}
