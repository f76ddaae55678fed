/**
 * The SARIF 2.1.0 log of miguard's findings ({@code -XepOpt:Miguard:SarifFile=PATH}): {@link
 * io.miguard.checker.sarif.SarifLog} collects the findings of one compilation, in the compilation's
 * javac context, and writes them to the file when the compilation finishes.
 */
package io.miguard.checker.sarif;
