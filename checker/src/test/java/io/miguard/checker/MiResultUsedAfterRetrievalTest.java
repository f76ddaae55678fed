package io.miguard.checker;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** MiResultUsedAfterRetrieval against the real binding, and its fix. */
class MiResultUsedAfterRetrievalTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MiResultUsedAfterRetrieval.class, getClass());

  @Test
  void readsAfterTheNextRetrievalOrTheClose() {
    helper
        .addSourceLines(
            "Late.java",
            """
import io.miguard.mi.*;
class Late {
  String largestAfterTheLoop(MiSession s) {
    MiInstance largest = null;
    try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Process")) {
      InstanceResult r;
      do {
        r = op.getInstance();
        MiInstance i = r.instance();
        if (i != null
            // BUG: Diagnostic contains: 'largest' was borrowed from a result, and the retrieval on line 8 released it
            && (largest == null || (Long) i.get("Size") > (Long) largest.get("Size"))) {
          largest = i;
        }
      } while (r.moreResults());
    }
    // BUG: Diagnostic contains: released it (MI rule 5)
    return largest.toString();
  }

  Object afterClose(MiSession s) {
    MiOperation op = s.getInstance("root/cimv2", MiInstance.builder("X").build());
    MiInstance i = op.getInstance().instance();
    op.close();
    // BUG: Diagnostic contains: the close on line 24 released it
    return i.get("Name");
  }

  void passedOnAfterTheNextRetrieval(MiSession s, java.util.List<Object> out) {
    try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Process")) {
      MiInstance first = op.getInstance().instance();
      op.getInstance();
      // BUG: Diagnostic contains: 'first' was borrowed
      out.add(first);
      op.drainInstances();
    }
  }
}
""")
        .doTest();
  }

  @Test
  void copiesStoresAndTimelyReadsAreSilent() {
    helper
        .addSourceLines(
            "Timely.java",
            """
import io.miguard.mi.*;
import java.util.ArrayList;
import java.util.List;
class Timely {
  MiInstance copied(MiSession s) {
    MiInstance largest = null;
    try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Process")) {
      InstanceResult r;
      do {
        r = op.getInstance();
        MiInstance i = r.instance();
        if (i != null && (largest == null || (Long) i.get("Size") > (Long) largest.get("Size"))) {
          largest = i.cloneInstance();
        }
      } while (r.moreResults());
    }
    largest.get("Name");
    return largest;
  }

  List<Object> readBeforeTheNextRetrieval(MiSession s) {
    List<Object> names = new ArrayList<>();
    try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Process")) {
      InstanceResult r;
      do {
        r = op.getInstance();
        if (r.instance() != null) {
          names.add(r.instance().get("Name"));
        }
      } while (r.moreResults());
    }
    return names;
  }

  MiInstance storedButNotRead(MiSession s) {
    MiInstance last = null;
    try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Process")) {
      InstanceResult r;
      do {
        r = op.getInstance();
        last = r.instance();
      } while (r.moreResults());
    }
    return last;
  }

  void otherOperation(MiSession s) {
    try (MiOperation a = s.enumerateInstances("root/cimv2", "A");
        MiOperation b = s.enumerateInstances("root/cimv2", "B")) {
      MiInstance fromA = a.getInstance().instance();
      b.drainInstances();
      fromA.get("Name");
      a.drainInstances();
    }
  }
}
""")
        .doTest();
  }

  @Test
  void fixCopiesWhereTheObjectIsStored() {
    BugCheckerRefactoringTestHelper.newInstance(MiResultUsedAfterRetrieval.class, getClass())
        .addInputLines(
            "Largest.java",
            """
            import io.miguard.mi.*;
            class Largest {
              String largest(MiSession s) {
                MiInstance largest = null;
                try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Process")) {
                  InstanceResult r;
                  do {
                    r = op.getInstance();
                    MiInstance i = r.instance();
                    if (i != null && largest == null) {
                      largest = i;
                    }
                  } while (r.moreResults());
                }
                return largest.toString();
              }
            }
            """)
        .addOutputLines(
            "Largest.java",
            """
            import io.miguard.mi.*;
            class Largest {
              String largest(MiSession s) {
                MiInstance largest = null;
                try (MiOperation op = s.enumerateInstances("root/cimv2", "Win32_Process")) {
                  InstanceResult r;
                  do {
                    r = op.getInstance();
                    MiInstance i = r.instance();
                    if (i != null && largest == null) {
                      largest = i.cloneInstance();
                    }
                  } while (r.moreResults());
                }
                return largest.toString();
              }
            }
            """)
        .doTest();
  }
}
