package io.miguard.mi.stress;

/**
 * How hard the stress test pushes, from system properties so that a longer run needs no code
 * change: {@code miguard.stress.seed} (default: a fresh one, printed), {@code
 * miguard.stress.operations} (operations in all, default 2400) and {@code miguard.stress.threads}
 * (workers, default 8). For example {@code mvn -pl runtime test -Dtest=StressTest
 * -Dmiguard.stress.operations=100000 -Dmiguard.stress.seed=42}.
 *
 * @param seed the seed of every random decision (each worker derives its own from it)
 * @param operations how many operations the workers start in all
 * @param threads how many workers run at once
 */
record StressConfig(long seed, int operations, int threads) {
  static final int DEFAULT_OPERATIONS = 2400;
  static final int DEFAULT_THREADS = 8;

  static StressConfig fromSystemProperties() {
    String seed = System.getProperty("miguard.stress.seed");
    return new StressConfig(
        seed == null || seed.isBlank() ? System.nanoTime() : Long.parseLong(seed.trim()),
        Integer.getInteger("miguard.stress.operations", DEFAULT_OPERATIONS),
        Integer.getInteger("miguard.stress.threads", DEFAULT_THREADS));
  }

  /** The operations one worker starts. */
  int operationsPerWorker() {
    return Math.max(1, operations / threads);
  }

  @Override
  public String toString() {
    return "-Dmiguard.stress.seed="
        + seed
        + " -Dmiguard.stress.operations="
        + operations
        + " -Dmiguard.stress.threads="
        + threads;
  }
}
