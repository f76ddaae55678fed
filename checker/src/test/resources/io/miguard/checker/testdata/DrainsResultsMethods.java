import io.miguard.annotations.DrainsResults;
import io.miguard.mi.ClassResult;
import io.miguard.mi.InstanceResult;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiOperation;
import java.util.ArrayList;
import java.util.List;

/** Methods that promise to drain: the check holds them to it on every normal path. */
class DrainsResultsMethods {
  static List<MiInstance> readAll(@DrainsResults MiOperation op) {
    List<MiInstance> all = new ArrayList<>();
    InstanceResult r;
    do {
      r = op.getInstance();
      if (r.instance() != null) {
        all.add(r.instance().cloneInstance());
      }
    } while (r.moreResults());
    return all;
  }

  static void delegates(@DrainsResults MiOperation op) {
    op.drainInstances();
  }

  static void iterates(@DrainsResults MiOperation op) {
    for (MiInstance instance : op.instances()) {
      System.out.println(instance);
    }
  }

  static void alwaysThrows(@DrainsResults MiOperation op) {
    throw new UnsupportedOperationException();
  }

  static void handsOver(@DrainsResults MiOperation op, java.util.function.Consumer<MiOperation> to) {
    to.accept(op);
  }

  // BUG: Diagnostic contains: @DrainsResults parameter 'op' of readFirst() is not drained on every normal path
  static MiInstance readFirst(@DrainsResults MiOperation op) {
    return op.getInstance().instance();
  }

  static MiInstance find(
      // BUG: Diagnostic contains: @DrainsResults parameter 'op' of find() is not drained on every normal path: the path through line 53 returns undrained
      @DrainsResults MiOperation op, String name) {
    InstanceResult r;
    do {
      r = op.getInstance();
      if (r.instance() != null && name.equals(r.instance().get("Name"))) {
        return r.instance();
      }
    } while (r.moreResults());
    return null;
  }

  static int cancelsInstead(
      // BUG: Diagnostic contains: @DrainsResults parameter 'op' of cancelsInstead() is not drained
      @DrainsResults MiOperation op) {
    op.cancel(io.miguard.mi.CancellationReason.NONE);
    return 0;
  }

  static void classes(@DrainsResults MiOperation op) {
    ClassResult r;
    do {
      r = op.getCimClass();
    } while (r.moreResults());
  }
}
