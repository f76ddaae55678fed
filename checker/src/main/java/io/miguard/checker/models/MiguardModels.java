package io.miguard.checker.models;

import java.util.List;

/**
 * A service that gives the checks the protocol roles of a library that cannot be annotated, found
 * with {@link java.util.ServiceLoader} on the processor path (next to {@code miguard-checker}),
 * like NullAway's {@code LibraryModels}: put the implementation's name in {@code
 * META-INF/services/io.miguard.checker.models.MiguardModels} of a jar on the processor path.
 *
 * <p>Its entries are lines of the models-file format ({@code docs/models.md}), for example {@code
 * "io.acme.Wrapper#fetch(java.lang.String) = RETRIEVES_RESULT"}; they are checked as a models file
 * is, and a malformed one is a compilation error that names the service and the entry.
 */
public interface MiguardModels {
  /** The entries, one models-file line each (comments and blank lines are allowed). */
  List<String> models();
}
