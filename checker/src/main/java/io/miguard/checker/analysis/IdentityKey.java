package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * The identity a security-context entry runs as, as far as the source tells: the symbol of an
 * effectively-final variable (local, parameter or final field), or the source text of an expression
 * made of constants and static calls on constants ({@code Identity.of("svc")}). Anything else is
 * unknown, and an unknown identity equals only itself (the same entering tree).
 */
public final class IdentityKey {
  private final @Nullable Symbol symbol;
  private final @Nullable String text;
  private final @Nullable Tree unknownAt;
  private final boolean earlier;

  private IdentityKey(
      @Nullable Symbol symbol, @Nullable String text, @Nullable Tree unknownAt, boolean earlier) {
    this.symbol = symbol;
    this.text = text;
    this.unknownAt = unknownAt;
    this.earlier = earlier;
  }

  private IdentityKey(@Nullable Symbol symbol, @Nullable String text, @Nullable Tree unknownAt) {
    this(symbol, text, unknownAt, false);
  }

  /**
   * The key of the value {@code variable} held before its declaration ran again (a for-each
   * variable, a local declared in a loop body: a new variable on each iteration); this key if it is
   * not that variable's current value.
   */
  IdentityKey beforeRedeclaring(Symbol variable) {
    return symbol == variable && !earlier ? new IdentityKey(symbol, null, null, true) : this;
  }

  /** Whether {@link #beforeRedeclaring} changes this key for some variable. */
  boolean namesCurrentVariable() {
    return symbol != null && !earlier;
  }

  /**
   * Whether this is the value of a variable from an earlier run of its declaration (an earlier
   * iteration), which may differ from one earlier run to another.
   */
  public boolean isEarlier() {
    return earlier;
  }

  /** The key of the identity expression {@code expression}, whose source is {@code source}. */
  static IdentityKey of(@Nullable ExpressionTree expression, @Nullable CharSequence source) {
    if (expression == null) {
      return new IdentityKey(null, null, null);
    }
    ExpressionTree stripped = ASTHelpers.stripParentheses(expression);
    while (stripped instanceof TypeCastTree cast) {
      stripped = ASTHelpers.stripParentheses(cast.getExpression());
    }
    Symbol symbol = ASTHelpers.getSymbol(stripped);
    if ((stripped instanceof IdentifierTree || stripped instanceof MemberSelectTree)
        && symbol instanceof VarSymbol variable
        && isStable(variable)) {
      return new IdentityKey(variable, null, null);
    }
    if (source != null && isConstantExpression(stripped)) {
      return new IdentityKey(null, source.toString().replaceAll("\\s+", ""), null);
    }
    return new IdentityKey(null, null, expression);
  }

  private static boolean isStable(VarSymbol variable) {
    if (variable.getKind() == ElementKind.FIELD) {
      return (variable.flags() & Flags.FINAL) != 0;
    }
    return (variable.flags() & (Flags.FINAL | Flags.EFFECTIVELY_FINAL)) != 0;
  }

  private static boolean isConstantExpression(ExpressionTree tree) {
    if (tree instanceof LiteralTree) {
      return true;
    }
    if (ASTHelpers.constValue(tree) != null) {
      return true;
    }
    if (tree instanceof MethodInvocationTree call) {
      Symbol method = ASTHelpers.getSymbol(call);
      if (method == null || !method.isStatic()) {
        return false;
      }
      for (ExpressionTree argument : call.getArguments()) {
        if (!isConstantExpression(ASTHelpers.stripParentheses(argument))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** Whether the source names the identity (a stable variable or a constant expression). */
  public boolean isKnown() {
    return symbol != null || text != null;
  }

  /** The variable that holds the identity, if it is one. */
  public @Nullable Symbol symbol() {
    return symbol;
  }

  /** How the identity reads in diagnostics. */
  public String describe() {
    if (symbol != null) {
      return symbol.getSimpleName().toString();
    }
    if (text != null) {
      return text;
    }
    return "an unknown identity";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof IdentityKey other)) {
      return false;
    }
    if (symbol != null || other.symbol != null) {
      return symbol == other.symbol && earlier == other.earlier;
    }
    if (text != null || other.text != null) {
      return text != null && text.equals(other.text);
    }
    return unknownAt == other.unknownAt;
  }

  @Override
  public int hashCode() {
    if (symbol != null) {
      return System.identityHashCode(symbol) * 2 + (earlier ? 1 : 0);
    }
    return text != null ? text.hashCode() : System.identityHashCode(unknownAt);
  }

  @Override
  public String toString() {
    return describe();
  }
}
