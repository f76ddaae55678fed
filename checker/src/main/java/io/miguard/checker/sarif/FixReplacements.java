package io.miguard.checker.sarif;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.Fix;
import com.google.errorprone.fixes.Replacement;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.tree.EndPosTable;
import com.sun.tools.javac.tree.JCTree;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The text replacements of a suggested fix, on every Error Prone release the checker supports.
 *
 * <p>{@link Fix#getReplacements} takes javac's {@code EndPosTable} up to Error Prone 2.46 and Error
 * Prone's own {@code ErrorProneEndPosTable} from 2.47 on (javac's table goes away with
 * JDK-8372948), so a call compiled against one release fails to link on the other. The method is
 * found by name instead, and given the table its release expects: Error Prone's own, made by its
 * {@code create(CompilationUnitTree)}, or for the older releases a javac table that answers through
 * {@link VisitorState#getEndPosition}, the public API for end positions.
 */
final class FixReplacements {
  private static final String ERROR_PRONE_TABLE =
      "com.google.errorprone.fixes.ErrorProneEndPosTable";

  private FixReplacements() {}

  /** The replacements of {@code fix} in the unit {@code state} is in, by start position. */
  static List<Replacement> of(Fix fix, VisitorState state) throws ReflectiveOperationException {
    Method getReplacements = null;
    for (Method method : Fix.class.getMethods()) {
      if (method.getName().equals("getReplacements") && method.getParameterCount() == 1) {
        getReplacements = method;
      }
    }
    if (getReplacements == null) {
      throw new NoSuchMethodException("Fix.getReplacements");
    }
    Class<?> tableType = getReplacements.getParameterTypes()[0];
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    Object table =
        tableType.getName().equals(ERROR_PRONE_TABLE)
            ? tableType.getMethod("create", CompilationUnitTree.class).invoke(null, unit)
            : new StateEndPositions(state);
    Object replacements;
    try {
      replacements = getReplacements.invoke(fix, table);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
    List<Replacement> result = new ArrayList<>();
    for (Object replacement : (Collection<?>) replacements) {
      result.add((Replacement) replacement);
    }
    result.sort(Comparator.comparingInt(Replacement::startPosition));
    return result;
  }

  /**
   * Javac's end-position table for Error Prone releases before 2.47, answering from the visitor
   * state. Loaded only on those releases, which run on JDKs that still have the interface.
   */
  private static final class StateEndPositions implements EndPosTable {
    private final VisitorState state;

    StateEndPositions(VisitorState state) {
      this.state = state;
    }

    @Override
    public int getEndPos(JCTree tree) {
      return state.getEndPosition(tree);
    }

    @Override
    public void storeEnd(JCTree tree, int endpos) {
      throw new UnsupportedOperationException("read-only end positions");
    }

    @Override
    public int replaceTree(JCTree oldtree, JCTree newtree) {
      throw new UnsupportedOperationException("read-only end positions");
    }
  }
}
