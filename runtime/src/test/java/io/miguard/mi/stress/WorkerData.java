package io.miguard.mi.stress;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The data one worker created and knows to exist, so that its modify, delete and terminate
 * operations have a target nobody else touches, and their expected results are certain.
 */
final class WorkerData {
  final int worker;

  /** Shares this worker created (final result OK) and has not started deleting. */
  final Deque<String> shares = new ArrayDeque<>();

  /** Processes this worker created through Win32_Process.Create and has not started terminating. */
  final Deque<Long> processes = new ArrayDeque<>();

  private int serial;

  WorkerData(int worker) {
    this.worker = worker;
  }

  /** A share name no other worker and no earlier operation of this one uses. */
  String newShareName() {
    return "Stress-" + worker + "-" + serial++;
  }
}
