package io.miguard.mi.stress;

import io.miguard.mi.MiResult;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the workers did, counted across threads: the operations started per kind and mode, and the
 * refusals the binding answered with (each one already checked for its {@link MiResult} where it
 * happened). The test reads it to prove the random mix reached every kind and every rule.
 */
final class Tally {
  private final Map<String, LongAdder> started = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> events = new ConcurrentHashMap<>();

  /** An operation of {@code kind} was started, synchronous or not. */
  void started(StressOperation kind, boolean synchronous) {
    count(started, kind + (synchronous ? " sync" : " async"));
  }

  /** A rule violation was refused, as expected, with {@code result}. */
  void refused(Violation violation, MiResult result) {
    count(refusals, violation + " -> " + result);
  }

  /** Something worth seeing in the summary happened (a cancel, a close from a callback...). */
  void event(String what) {
    count(events, what);
  }

  Map<String, Long> started() {
    return snapshot(started);
  }

  Map<String, Long> refusals() {
    return snapshot(refusals);
  }

  Map<String, Long> events() {
    return snapshot(events);
  }

  private static void count(Map<String, LongAdder> counts, String key) {
    counts.computeIfAbsent(key, unused -> new LongAdder()).increment();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((key, value) -> copy.put(key, value.sum()));
    return copy;
  }

  @Override
  public String toString() {
    return "started " + started() + "\nrefused " + refusals() + "\nevents " + events();
  }
}
