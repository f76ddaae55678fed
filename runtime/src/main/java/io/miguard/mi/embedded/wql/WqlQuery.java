package io.miguard.mi.embedded.wql;

import java.util.List;
import java.util.Optional;

/**
 * A parsed {@code SELECT} query.
 *
 * @param selected the selected properties, or an empty optional for {@code SELECT *}
 * @param className the class after {@code FROM}, as written
 * @param classPosition the 1-based position of the class name
 * @param within the polling interval in seconds from {@code WITHIN}, if given (event queries)
 * @param where the {@code WHERE} condition, if any
 */
public record WqlQuery(
    Optional<List<SelectedProperty>> selected,
    String className,
    int classPosition,
    Optional<Double> within,
    Optional<Condition> where) {

  /** A property named in the select list, with its 1-based position. */
  public record SelectedProperty(String name, int position) {}

  public WqlQuery {
    selected = selected.map(List::copyOf);
  }

  /** Whether the query is {@code SELECT *}. */
  public boolean selectsAll() {
    return selected.isEmpty();
  }
}
