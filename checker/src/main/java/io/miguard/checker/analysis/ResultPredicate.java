package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * A boolean helper of the unit whose whole body is {@code return <formula>;}, the formula made of
 * {@code moreResults()} of a result parameter, {@code @ReportsDrained} queries of an operation
 * parameter, boolean parameters, literals, {@code !}, {@code &&}, {@code ||}, {@code &}, {@code |},
 * {@code ==}, {@code !=} and {@code ?:} (anything else is unknown): a call to it is that formula
 * over its arguments, so that {@code while (hasMore(r))} and {@code if (isLast(r)) break;} drain on
 * their "no more results" edge as the accessor itself does. Read from the source alone.
 *
 * @param returned the returned expression
 * @param parameters the helper's parameters, in order
 */
record ResultPredicate(ExpressionTree returned, List<Symbol> parameters) {

  /** The predicate {@code method} is, or null if its body is anything else. */
  static @Nullable ResultPredicate of(MethodTree method, ProtocolModel model) {
    BlockTree body = method.getBody();
    if (body == null
        || body.getStatements().size() != 1
        || !(body.getStatements().get(0) instanceof ReturnTree returned)
        || returned.getExpression() == null
        || !((Symbol) ASTHelpers.getSymbol(method) instanceof MethodSymbol symbol)
        || symbol.getReturnType().getKind() != TypeKind.BOOLEAN) {
      return null;
    }
    List<Symbol> parameters = new ArrayList<>();
    for (VariableTree parameter : method.getParameters()) {
      parameters.add(ASTHelpers.getSymbol(parameter));
    }
    ResultPredicate predicate = new ResultPredicate(returned.getExpression(), parameters);
    return predicate.mentionsAFact(model) ? predicate : null;
  }

  /** The formula of a call whose arguments have the values {@code arguments}. */
  Condition of(List<Value> arguments, ProtocolModel model) {
    return formula(returned, arguments, model);
  }

  private boolean mentionsAFact(ProtocolModel model) {
    List<Value> probe = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      probe.add(Value.of(Value.Kind.RESULT, java.util.Set.of(OperationId.of(parameters.get(i)))));
    }
    List<Value> operations = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      operations.add(Value.operation(OperationId.of(parameters.get(i))));
    }
    return formula(returned, probe, model).hasFacts()
        || formula(returned, operations, model).hasFacts();
  }

  private Condition formula(ExpressionTree tree, List<Value> arguments, ProtocolModel model) {
    if (tree instanceof ParenthesizedTree parenthesized) {
      return formula(parenthesized.getExpression(), arguments, model);
    }
    if (tree instanceof LiteralTree literal && literal.getValue() instanceof Boolean value) {
      return value ? Condition.TRUE : Condition.FALSE;
    }
    if (tree instanceof IdentifierTree) {
      Value argument = argument(tree, arguments);
      return argument == null ? Condition.UNKNOWN : argument.asCondition();
    }
    if (tree.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      return Condition.not(formula(((UnaryTree) tree).getExpression(), arguments, model));
    }
    if (tree instanceof ConditionalExpressionTree choice) {
      return Condition.choice(
          formula(choice.getCondition(), arguments, model),
          formula(choice.getTrueExpression(), arguments, model),
          formula(choice.getFalseExpression(), arguments, model));
    }
    if (tree instanceof BinaryTree binary && isBoolean(binary.getLeftOperand())) {
      Condition left = formula(binary.getLeftOperand(), arguments, model);
      Condition right = formula(binary.getRightOperand(), arguments, model);
      return switch (tree.getKind()) {
        case CONDITIONAL_AND, AND -> Condition.and(left, right);
        case CONDITIONAL_OR, OR -> Condition.or(left, right);
        case EQUAL_TO -> Condition.same(left, right);
        case NOT_EQUAL_TO, XOR -> Condition.not(Condition.same(left, right));
        default -> Condition.UNKNOWN;
      };
    }
    if (tree instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && (Symbol) ASTHelpers.getSymbol(call) instanceof MethodSymbol method) {
      Value receiver = argument(ASTHelpers.getReceiver(call), arguments);
      if (receiver != null
          && receiver.is(Value.Kind.RESULT)
          && model.isMoreResultsAccessor(method)) {
        return Condition.fact(Condition.FactKind.MORE_RESULTS, receiver.operations());
      }
      if (receiver != null && receiver.is(Value.Kind.OPERATION) && model.reportsDrained(method)) {
        return Condition.fact(Condition.FactKind.DRAINED, receiver.operations());
      }
    }
    return Condition.UNKNOWN;
  }

  /** The value of the argument a parameter identifier stands for, or null. */
  private @Nullable Value argument(@Nullable ExpressionTree tree, List<Value> arguments) {
    if (!(tree instanceof IdentifierTree)) {
      return null;
    }
    int index = parameters.indexOf(ASTHelpers.getSymbol(tree));
    return index < 0 || index >= arguments.size() ? null : arguments.get(index);
  }

  private static boolean isBoolean(ExpressionTree tree) {
    Type type = ASTHelpers.getType(tree);
    return type != null && type.getKind() == TypeKind.BOOLEAN;
  }
}
