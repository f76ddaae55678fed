package io.miguard.checker.analysis;

/**
 * Where a piece of code (a lambda, method reference, anonymous or local class) runs, relative to
 * the thread that creates it. Answered by {@link ThreadHops}.
 */
public enum ThreadHop {
  /**
   * Proved to run on another thread (an executor, a new thread, a timer, the event dispatch
   * thread...), or not at all: the caller's impersonation does not follow, the code starts in a
   * fresh security context (the process identity).
   */
  ANOTHER_THREAD,

  /**
   * Known to run on the creating thread, during the call it is handed to ({@code
   * Optional.ifPresent}, {@code Iterable.forEach}, {@code Map.computeIfAbsent}, operations of a
   * sequential stream, {@code @RunsAs} methods): it keeps the security context of the call.
   */
  SAME_THREAD,

  /**
   * Nothing proves either: handed to a method neither the JDK catalogue nor an annotation
   * describes, kept in a local that is also used otherwise, run by a parallel stream, and so on.
   * The checks treat it like {@link #SAME_THREAD} (they report only hops that are proved), and
   * should not build a claim of their own on it.
   */
  UNKNOWN;
}
