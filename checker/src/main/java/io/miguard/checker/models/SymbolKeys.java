package io.miguard.checker.models;

import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Type.ArrayType;
import com.sun.tools.javac.code.Types;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/** The key ({@link ModelTarget#key}) by which models name a symbol. */
public final class SymbolKeys {
  private SymbolKeys() {}

  /** The key of a type, method, constructor or method parameter; null for anything else. */
  public static @Nullable String of(Symbol symbol, Types types) {
    if (symbol instanceof ClassSymbol type) {
      return type.getQualifiedName().toString();
    }
    if (symbol instanceof MethodSymbol method) {
      return method(method, types);
    }
    if (symbol instanceof VarSymbol parameter
        && parameter.getKind() == ElementKind.PARAMETER
        && parameter.owner instanceof MethodSymbol method) {
      int index = method.getParameters().indexOf(parameter);
      String key = method(method, types);
      return index < 0 || key == null ? null : key + "[" + index + "]";
    }
    return null;
  }

  private static @Nullable String method(MethodSymbol method, Types types) {
    if (!(method.owner instanceof ClassSymbol owner)) {
      return null;
    }
    StringBuilder key =
        new StringBuilder(owner.getQualifiedName())
            .append('#')
            .append(method.isConstructor() ? "<init>" : method.getSimpleName())
            .append('(');
    List<VarSymbol> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (i > 0) {
        key.append(',');
      }
      key.append(erasedName(types.erasure(parameters.get(i).type)));
    }
    return key.append(')').toString();
  }

  /** {@code java.lang.String}, {@code int[]}, {@code io.acme.Outer.Inner}. */
  private static String erasedName(Type type) {
    if (type instanceof ArrayType array) {
      return erasedName(array.elemtype) + "[]";
    }
    if (type.isPrimitive()) {
      return type.getKind().name().toLowerCase(Locale.ROOT);
    }
    return type.tsym.getQualifiedName().toString();
  }
}
