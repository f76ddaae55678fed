package io.miguard.checker.analysis;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;

/**
 * Follows a functional value (a lambda, a method reference, an instance of an anonymous or local
 * class) from where it is created to the call that runs it, and asks {@link ThreadHopCatalogue}
 * what that call does with it.
 *
 * <p>The value may travel through parentheses, casts, both branches of a conditional, a collection
 * factory ({@code List.of(task1, task2)} handed to {@code invokeAll}), and effectively-final
 * locals. A local counts as a hop only when every use of it hands it to another thread (or is
 * bookkeeping on a thread object, such as {@code setDaemon}); a local that is also run here,
 * stored, returned or used inside another lambda is {@link ThreadHop#UNKNOWN}. So is a local that
 * only runs on the same thread: its code then runs in the context of the use, not of the creation,
 * and a same-thread answer would name the wrong context.
 */
final class ThreadHopFlow {
  /** How many locals a value may pass through before the question is given up. */
  private static final int MAX_LOCALS = 8;

  /** Factories whose result holds their arguments as elements. */
  private static final Matcher<ExpressionTree> COLLECTION_FACTORY =
      anyOf(
          staticMethod().onClassAny("java.util.List", "java.util.Set").named("of"),
          staticMethod().onClass("java.util.Arrays").named("asList"),
          staticMethod().onClass("java.util.Collections").namedAnyOf("singletonList", "singleton"));

  private final VisitorState state;

  ThreadHopFlow(VisitorState state) {
    this.state = state;
  }

  /** Where the value created at {@code valuePath} runs. */
  ThreadHop valueAt(TreePath valuePath) {
    return consumer(valuePath, false, 0);
  }

  /** Where the methods of the local class declared at {@code classPath} run. */
  ThreadHop localClassAt(TreePath classPath) {
    ClassSymbol local = ASTHelpers.getSymbol((ClassTree) classPath.getLeaf());
    TreePath scope = classPath.getParentPath();
    if (local == null || !(scope.getLeaf() instanceof BlockTree)) {
      return ThreadHop.UNKNOWN;
    }
    List<TreePath> instantiations = new ArrayList<>();
    boolean[] otherUse = {false};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitNewClass(NewClassTree tree, Void unused) {
        Type created = ASTHelpers.getType(tree);
        if (created != null && created.tsym.isSubClass(local, state.getTypes())) {
          instantiations.add(getCurrentPath());
        }
        return super.visitNewClass(tree, unused);
      }

      @Override
      public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
        // Task::new makes instances we cannot follow.
        if (ASTHelpers.getSymbol(tree) != null && ASTHelpers.getSymbol(tree).owner == local) {
          otherUse[0] = true;
        }
        return super.visitMemberReference(tree, unused);
      }
    }.scan(scope, null);
    if (otherUse[0]) {
      return ThreadHop.UNKNOWN;
    }
    return allHop(instantiations, scope, false, 0);
  }

  private ThreadHop consumer(TreePath valuePath, boolean element, int locals) {
    Tree child = valuePath.getLeaf();
    TreePath parentPath = valuePath.getParentPath();
    while (parentPath != null) {
      Tree parent = parentPath.getLeaf();
      if (parent instanceof ParenthesizedTree
          || parent instanceof TypeCastTree
          || (parent instanceof ConditionalExpressionTree
              && ((ConditionalExpressionTree) parent).getCondition() != child)) {
        child = parent;
        parentPath = parentPath.getParentPath();
        continue;
      }
      if (parent instanceof MethodInvocationTree) {
        MethodInvocationTree call = (MethodInvocationTree) parent;
        int index = indexOf(call.getArguments(), child);
        if (index < 0) {
          return ThreadHop.UNKNOWN;
        }
        if (!element && COLLECTION_FACTORY.matches(call, state)) {
          return consumer(parentPath, true, locals);
        }
        return ThreadHopCatalogue.argument(call, index, element, state);
      }
      if (parent instanceof NewClassTree) {
        int index = indexOf(((NewClassTree) parent).getArguments(), child);
        return index < 0
            ? ThreadHop.UNKNOWN
            : ThreadHopCatalogue.argument((NewClassTree) parent, index, element, state);
      }
      if (parent instanceof MemberSelectTree && !element) {
        return receiverUse(parentPath);
      }
      if (parent instanceof MemberReferenceTree && !element) {
        return boundReference(parentPath, locals);
      }
      if (parent instanceof VariableTree && ((VariableTree) parent).getInitializer() == child) {
        return local(parentPath, element, locals);
      }
      // Returned, stored in a field or an array, the body of an expression lambda, ...
      return ThreadHop.UNKNOWN;
    }
    return ThreadHop.UNKNOWN;
  }

  /** {@code value.method()}: starting a thread hops, running the function here does not. */
  private ThreadHop receiverUse(TreePath selectPath) {
    TreePath callPath = selectPath.getParentPath();
    if (!(callPath.getLeaf() instanceof MethodInvocationTree)) {
      return ThreadHop.UNKNOWN;
    }
    MethodSymbol method = ASTHelpers.getSymbol((MethodInvocationTree) callPath.getLeaf());
    if (method == null) {
      return ThreadHop.UNKNOWN;
    }
    if (ThreadHopCatalogue.startsThread(method, state)) {
      return ThreadHop.ANOTHER_THREAD;
    }
    return isFunctionalMethod(method) ? ThreadHop.SAME_THREAD : ThreadHop.UNKNOWN;
  }

  /** {@code task::run} handed somewhere: runs the task wherever the reference runs. */
  private ThreadHop boundReference(TreePath referencePath, int locals) {
    MethodSymbol method = ASTHelpers.getSymbol((MemberReferenceTree) referencePath.getLeaf());
    if (method == null || !isFunctionalMethod(method)) {
      return ThreadHop.UNKNOWN;
    }
    return consumer(referencePath, false, locals);
  }

  /** Whether {@code method} is, or implements, the single abstract method of its interface. */
  private boolean isFunctionalMethod(MethodSymbol method) {
    List<MethodSymbol> candidates = new ArrayList<>();
    candidates.add(method);
    candidates.addAll(ASTHelpers.findSuperMethods(method, state.getTypes()));
    for (MethodSymbol candidate : candidates) {
      Symbol owner = candidate.owner;
      if (owner.isInterface() && state.getTypes().isFunctionalInterface(owner.type)) {
        Symbol descriptor = state.getTypes().findDescriptorSymbol(owner.type.tsym);
        if (descriptor == candidate) {
          return true;
        }
      }
    }
    return false;
  }

  /** The value is the initialiser of a local: every use of the local decides. */
  private ThreadHop local(TreePath declarationPath, boolean element, int locals) {
    VarSymbol variable = ASTHelpers.getSymbol((VariableTree) declarationPath.getLeaf());
    TreePath scope = declarationPath.getParentPath();
    if (variable == null
        || variable.getKind() != ElementKind.LOCAL_VARIABLE
        || !ASTHelpers.isConsideredFinal(variable)
        || !(scope.getLeaf() instanceof BlockTree)
        || locals >= MAX_LOCALS) {
      return ThreadHop.UNKNOWN;
    }
    List<TreePath> uses = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        if (ASTHelpers.getSymbol(tree) == variable) {
          uses.add(getCurrentPath());
        }
        return null;
      }
    }.scan(scope, null);
    return allHop(uses, scope, element, locals + 1);
  }

  /**
   * A hop when every one of {@code uses} (at least one) hands the value to another thread or only
   * does bookkeeping on a thread object; unknown otherwise.
   */
  private ThreadHop allHop(List<TreePath> uses, TreePath scope, boolean element, int locals) {
    boolean hops = false;
    for (TreePath use : uses) {
      if (insideNestedBody(use, scope)) {
        // Runs when that lambda or class runs, in whatever context it has then.
        return ThreadHop.UNKNOWN;
      }
      if (!element && isThreadBookkeeping(use)) {
        continue;
      }
      if (consumer(use, element, locals) != ThreadHop.ANOTHER_THREAD) {
        return ThreadHop.UNKNOWN;
      }
      hops = true;
    }
    return hops ? ThreadHop.ANOTHER_THREAD : ThreadHop.UNKNOWN;
  }

  private boolean isThreadBookkeeping(TreePath use) {
    Tree parent = use.getParentPath().getLeaf();
    Tree grandparent = use.getParentPath().getParentPath().getLeaf();
    if (parent instanceof MemberSelectTree && grandparent instanceof MethodInvocationTree) {
      MethodSymbol method = ASTHelpers.getSymbol((MethodInvocationTree) grandparent);
      return method != null && ThreadHopCatalogue.isThreadBookkeeping(method);
    }
    return false;
  }

  private static boolean insideNestedBody(TreePath use, TreePath scope) {
    for (TreePath p = use; p != null && p.getLeaf() != scope.getLeaf(); p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(List<? extends ExpressionTree> arguments, Tree child) {
    for (int i = 0; i < arguments.size(); i++) {
      if (arguments.get(i) == child) {
        return i;
      }
    }
    return -1;
  }
}
