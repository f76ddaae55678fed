import io.miguard.annotations.DrainsResults;
import io.miguard.mi.MiOperation;

/** Another compilation unit: only its annotations tell the check what it does. */
class Library {
  static void drainAll(@DrainsResults MiOperation operation) {
    operation.drainInstances();
  }

  static void inspect(MiOperation operation) {
    System.out.println(operation);
  }
}
