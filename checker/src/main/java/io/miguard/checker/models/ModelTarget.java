package io.miguard.checker.models;

/**
 * What a models entry gives a role to, as the key the checks look symbols up by.
 *
 * @param key the type's qualified name ({@code io.acme.Query}); a method's owner, name and erased
 *     parameter types ({@code io.acme.Conn#select(java.lang.String)}, {@code <init>} for a
 *     constructor); for a parameter, its method's key and its zero-based index ({@code
 *     io.acme.Conn#consume(io.acme.Query)[0]})
 * @param kind which of the vocabulary's targets it is
 */
public record ModelTarget(String key, Role.Target kind) {}
