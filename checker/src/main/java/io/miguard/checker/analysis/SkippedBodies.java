package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.util.Context;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of one compilation that miguard could not analyse in full, told to the user: a failure
 * inside miguard becomes one warning naming the body and the cause (never a compiler crash), and
 * with {@link MiguardFlags#reportSkipped()} a note names each body analysed only in part. Kept in
 * the compilation's context, so that a body is told once however many checks read it.
 */
public final class SkippedBodies {
  private static final Context.Key<SkippedBodies> KEY = new Context.Key<>();

  private final Messager messager;
  private final Set<Tree> told = Collections.newSetFromMap(new IdentityHashMap<>());

  private SkippedBodies(Context context) {
    this.messager = JavacProcessingEnvironment.instance(context).getMessager();
  }

  /** The record of the compilation {@code context} belongs to. */
  public static SkippedBodies instance(Context context) {
    SkippedBodies instance = context.get(KEY);
    if (instance == null) {
      instance = new SkippedBodies(context);
      context.put(KEY, instance);
    }
    return instance;
  }

  /**
   * Whether the compilation may go on after {@code failure} inside miguard, with the body skipped.
   * Everything may except a {@link VirtualMachineError} other than {@link StackOverflowError} (an
   * {@link OutOfMemoryError} or an {@link InternalError} leaves the JVM in no state to go on): a
   * {@link LinkageError} from a changed javac or Error Prone, an {@link AssertionError}, a deep
   * recursion, any {@link RuntimeException}.
   */
  public static boolean mayContinueAfter(Throwable failure) {
    return !(failure instanceof VirtualMachineError) || failure instanceof StackOverflowError;
  }

  /** Warns, once per body, that the body at {@code body} was skipped after {@code failure}. */
  public void failed(TreePath body, Throwable failure) {
    if (told.add(body.getLeaf())) {
      messager.printMessage(
          Diagnostic.Kind.WARNING,
          "[miguard] skipped "
              + describe(body)
              + ": the analysis failed with "
              + failure
              + where(failure)
              + ". No MI operation of this body was checked. This is a bug in miguard: please"
              + " report it with this message.",
          elementOf(body));
    }
  }

  /**
   * Notes, once per body and only with {@link MiguardFlags#reportSkipped()}, that the nested body
   * at {@code body} was analysed without what its enclosing body knows (that body was skipped), so
   * operations it captures are unknown to it and not checked.
   */
  void analysedWithoutEnclosing(TreePath body, MiguardFlags flags) {
    if (flags.reportSkipped() && told.add(body.getLeaf())) {
      messager.printMessage(
          Diagnostic.Kind.NOTE,
          "[miguard] analysed "
              + describe(body)
              + " only in part: its enclosing body was skipped, so the operations it captures from"
              + " there were not checked",
          elementOf(body));
    }
  }

  /** The first frame of the failure's stack, to locate it in a bug report. */
  private static String where(Throwable failure) {
    StackTraceElement[] stack = failure.getStackTrace();
    return stack.length == 0 ? "" : " at " + stack[0];
  }

  /** The body for a reader: {@code pkg.Class#method}, and what kind of body when not a method. */
  static String describe(TreePath body) {
    Tree leaf = body.getLeaf();
    String owner = ownerName(body);
    if (leaf instanceof MethodTree method) {
      return owner + "#" + method.getName();
    }
    if (leaf instanceof VariableTree field) {
      return "the initializer of " + owner + "#" + field.getName();
    }
    String line = " (line " + lineOf(body) + ")";
    if (leaf instanceof LambdaExpressionTree) {
      MethodTree method = ASTHelpers.findEnclosingNode(body, MethodTree.class);
      return "a lambda in " + owner + (method == null ? "" : "#" + method.getName()) + line;
    }
    if (leaf instanceof BlockTree) {
      return "an initializer block of " + owner + line;
    }
    return "a body of " + owner + line;
  }

  private static String ownerName(TreePath body) {
    ClassTree owner = ASTHelpers.findEnclosingNode(body, ClassTree.class);
    var symbol = owner == null ? null : ASTHelpers.getSymbol(owner);
    if (symbol == null) {
      return "?";
    }
    String name = symbol.getQualifiedName().toString();
    return name.isEmpty() ? symbol.flatName().toString() : name;
  }

  private static String lineOf(TreePath body) {
    CompilationUnitTree unit = body.getCompilationUnit();
    int position = ASTHelpers.getStartPosition(body.getLeaf());
    return position < 0 ? "?" : Long.toString(unit.getLineMap().getLineNumber(position));
  }

  /** The declaration the diagnostic is placed on: the body's method, field or class. */
  private static @Nullable Element elementOf(TreePath body) {
    for (TreePath path = body; path != null; path = path.getParentPath()) {
      Tree leaf = path.getLeaf();
      boolean field =
          leaf instanceof VariableTree
              && path.getParentPath() != null
              && path.getParentPath().getLeaf() instanceof ClassTree;
      if (leaf instanceof MethodTree || field || leaf instanceof ClassTree) {
        Element element = ASTHelpers.getSymbol(leaf);
        if (element != null) {
          return element;
        }
      }
    }
    return null;
  }
}
