package io.miguard.checker.analysis;

import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Context;

/**
 * The JDK's iteration protocol ({@link Iterable#iterator()}, {@link java.util.Iterator#hasNext()},
 * {@link java.util.Iterator#next()}), through which the CFG desugars a for-each loop.
 */
final class Iterations {
  private final Types types;
  private final Type iterable;
  private final Type iterator;

  Iterations(Context context) {
    this.types = Types.instance(context);
    Symtab symtab = Symtab.instance(context);
    this.iterable = types.erasure(symtab.iterableType);
    this.iterator = types.erasure(symtab.iteratorType);
  }

  boolean isIterator(MethodSymbol method) {
    return is(method, "iterator", iterable);
  }

  boolean isHasNext(MethodSymbol method) {
    return is(method, "hasNext", iterator);
  }

  boolean isNext(MethodSymbol method) {
    return is(method, "next", iterator);
  }

  private boolean is(MethodSymbol method, String name, Type owner) {
    return method.getSimpleName().contentEquals(name)
        && method.getParameters().isEmpty()
        && !method.isStatic()
        && types.isSubtype(types.erasure(method.owner.type), owner);
  }
}
