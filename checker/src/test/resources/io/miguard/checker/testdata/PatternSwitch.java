import io.miguard.mi.MiOperation;
import io.miguard.mi.MiSession;

/** Switch with patterns, guards and record deconstruction (Java 21). */
class PatternSwitch {
  static final String NS = "root/cimv2";

  record Point(int x, int y) {}

  String describe(Object o, MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    String description =
        switch (o) {
          case String str when str.isEmpty() -> {
            op.drainInstances();
            yield "empty";
          }
          case String str -> "a string";
          case Point(int x, int y) -> {
            op.drainInstances();
            yield x + "," + y;
          }
          default -> {
            op.drainInstances();
            yield "other";
          }
        };
    // BUG: Diagnostic contains: 'op' (started on line 11) may be closed before its final result is retrieved: the path through line 18
    op.close();
    return description;
  }

  String everyArmDrains(Object o, MiSession s) {
    MiOperation op = s.enumerateInstances(NS, "Win32_Service");
    switch (o) {
      case Point(int x, int y) when x > y -> op.drainInstances();
      case Point p -> op.drainInstances();
      case null, default -> op.drainInstances();
    }
    op.close();
    return "";
  }
}
