package io.miguard.checker;

/**
 * Where the project lives, for the links its diagnostics print: each check's page is {@code
 * docs/bugpatterns/<CheckName>.md} in the repository, and the POMs' {@code url} and {@code scm}
 * name the same repository.
 */
final class ProjectLinks {
  private ProjectLinks() {}

  /** The project's repository. */
  static final String REPOSITORY = "https://github.com/miguard/miguard";

  /** The folder of the checks' pages; a check's link is this followed by its name and ".md". */
  static final String BUG_PATTERNS = REPOSITORY + "/blob/main/docs/bugpatterns/";
}
