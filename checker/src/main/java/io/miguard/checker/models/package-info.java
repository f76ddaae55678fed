/**
 * Models: the protocol roles of a library that cannot be annotated, given to the checks without
 * touching it, as a models file ({@code -XepOpt:Miguard:Models=PATH}) or a {@link
 * io.miguard.checker.models.MiguardModels} service on the processor path. {@link
 * io.miguard.checker.models.Role} names one role per annotation of the vocabulary; {@link
 * io.miguard.checker.models.Models} holds what the models say, by symbol, for the protocol model of
 * the analysis. The format is described in {@code docs/models.md}.
 */
package io.miguard.checker.models;
