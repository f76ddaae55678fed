package io.miguard.mi.stress;

import io.miguard.mi.MiClass;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import io.miguard.mi.stress.Expectation.Retrieval;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The retrieval and drain methods of {@link MiOperation}, by the kind of result they take. */
final class Retrievals {
  private Retrievals() {}

  /**
   * One retrieval with the method for {@code retrieval}: the payload (or null), whether more
   * results follow, and the result code and message.
   */
  record Step(Object payload, boolean more, io.miguard.mi.MiResult code, String message) {}

  static Step retrieve(MiOperation op, Retrieval retrieval) {
    return switch (retrieval) {
      case INSTANCE -> {
        var r = op.getInstance();
        yield new Step(r.instance(), r.moreResults(), r.resultCode(), r.errorMessage());
      }
      case CLASS -> {
        var r = op.getCimClass();
        yield new Step(r.cimClass(), r.moreResults(), r.resultCode(), r.errorMessage());
      }
      case INDICATION -> {
        var r = op.getIndication();
        yield new Step(r.instance(), r.moreResults(), r.resultCode(), r.errorMessage());
      }
    };
  }

  /** An owned copy of a retrieved payload (an instance or class), which outlives the result. */
  static Object ownedCopy(Object payload) {
    if (payload instanceof MiInstance instance) {
      return instance.cloneInstance();
    }
    if (payload instanceof MiClass cimClass) {
      return cimClass.cloneClass();
    }
    return payload;
  }

  /** Reads a payload (an instance or class): throws if it is a released borrowed one. */
  static String read(Object payload) {
    return payload instanceof MiClass cimClass
        ? cimClass.className()
        : ((MiInstance) payload).className();
  }

  /** A retrieval method that does not fit {@code retrieval}, called for its refusal. */
  static void retrieveWrongKind(MiOperation op, Retrieval retrieval, Random random) {
    List<Retrieval> others = new ArrayList<>(List.of(Retrieval.values()));
    others.remove(retrieval);
    retrieve(op, others.get(random.nextInt(others.size())));
  }

  /** Any retrieval method, called for its refusal. */
  static void retrieveAny(MiOperation op, Random random) {
    retrieve(op, Retrieval.values()[random.nextInt(Retrieval.values().length)]);
  }

  /**
   * Drains what is left with one of the binding's drains for {@code retrieval}: drainInstances(), a
   * for-each over instances(), or drainClasses(). Returns what it retrieved.
   */
  static List<Object> drain(MiOperation op, Retrieval retrieval, Random random) {
    if (retrieval == Retrieval.CLASS) {
      return new ArrayList<>(op.drainClasses());
    }
    if (random.nextBoolean()) {
      return new ArrayList<>(op.drainInstances());
    }
    List<Object> all = new ArrayList<>();
    for (Object instance : op.instances()) {
      all.add(instance);
    }
    return all;
  }
}
