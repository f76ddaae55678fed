/**
 * The protocol vocabulary of miguard.
 *
 * <p>The miguard checks know nothing about any particular MI binding: they learn which types are
 * operation handles, which methods start, retrieve from, drain, cancel and close operations, and
 * which methods change the thread's security context, only from these annotations. The miguard
 * runtime binding ({@code io.miguard.mi}) carries them, and users put them on their own wrappers
 * and helpers so that the checks understand those too.
 *
 * <p>The annotations have class retention: the checks read them from class files of libraries on
 * the classpath, and they cost nothing at run time.
 */
package io.miguard.annotations;
