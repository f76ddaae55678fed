/**
 * A hand-written parser and evaluator for the subset of WQL (WMI Query Language) that the embedded
 * backend understands: {@code SELECT * | prop, ... FROM Class [WITHIN n] [WHERE condition]}.
 *
 * <p>{@link io.miguard.mi.embedded.wql.WqlLexer} splits the text into {@link
 * io.miguard.mi.embedded.wql.WqlToken}s, {@link io.miguard.mi.embedded.wql.WqlParser} builds a
 * {@link io.miguard.mi.embedded.wql.WqlQuery} by recursive descent, and {@link
 * io.miguard.mi.embedded.wql.ConditionEvaluator} decides whether an instance satisfies its {@code
 * WHERE} condition. Syntax errors are {@link io.miguard.mi.embedded.wql.WqlSyntaxException}s that
 * carry the 1-based position of the offending character.
 */
package io.miguard.mi.embedded.wql;
