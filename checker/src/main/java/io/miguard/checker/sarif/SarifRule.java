package io.miguard.checker.sarif;

/**
 * A check as a SARIF rule ({@code reportingDescriptor}).
 *
 * @param id the check's name
 * @param summary the check's one-line summary
 * @param helpUri the check's documentation page
 * @param level the SARIF level of its default severity
 */
record SarifRule(String id, String summary, String helpUri, String level) {}
