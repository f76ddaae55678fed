package io.miguard.mi.embedded;

import io.miguard.mi.MiException;
import io.miguard.mi.MiInstance;
import io.miguard.mi.MiResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The CIM type names the embedded backend understands, and the check that a value fits one.
 *
 * <p>Scalars: {@code string}, {@code char16}, {@code datetime} (a CIM datetime string), {@code
 * boolean}, {@code uint8} ... {@code sint64} (held as {@link Long}), {@code real32}, {@code real64}
 * (held as {@link Double}), {@code object} (an embedded {@link MiInstance}) and {@code <Class> ref}
 * (a reference: an {@link MiInstance} of that class holding its keys). A {@code []} suffix makes an
 * array (a {@link List}).
 */
final class CimTypes {
  private static final Map<String, long[]> INTEGER_RANGES =
      Map.of(
          "uint8", new long[] {0, 0xFFL},
          "sint8", new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE},
          "uint16", new long[] {0, 0xFFFFL},
          "sint16", new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
          "uint32", new long[] {0, 0xFFFF_FFFFL},
          "sint32", new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
          "uint64", new long[] {0, Long.MAX_VALUE},
          "sint64", new long[] {Long.MIN_VALUE, Long.MAX_VALUE});

  private static final String REF_SUFFIX = " ref";

  private CimTypes() {}

  /** Whether {@code type} is a type name this backend understands. */
  static boolean isValid(String type) {
    String scalar = elementType(type).toLowerCase(Locale.ROOT);
    if (scalar.endsWith(REF_SUFFIX)) {
      return !scalar.substring(0, scalar.length() - REF_SUFFIX.length()).isBlank();
    }
    return INTEGER_RANGES.containsKey(scalar)
        || List.of("string", "char16", "datetime", "boolean", "real32", "real64", "object")
            .contains(scalar);
  }

  /** The name of a reference type to {@code className}. */
  static String referenceTo(String className) {
    return className + REF_SUFFIX;
  }

  /** The referenced class of a reference type, or null if {@code type} is not a reference. */
  static @Nullable String referencedClass(String type) {
    if (type.toLowerCase(Locale.ROOT).endsWith(REF_SUFFIX)) {
      return type.substring(0, type.length() - REF_SUFFIX.length()).trim();
    }
    return null;
  }

  /** How a WQL comparison treats a value of some CIM type (see {@link #comparedAs}). */
  enum ComparedAs {
    NUMBER,
    TEXT,
    BOOLEAN,
    /** Arrays, embedded objects and references: their comparisons are not type-checked. */
    UNCHECKED
  }

  /** How WQL compares values of {@code type}. */
  static ComparedAs comparedAs(String type) {
    if (isArray(type)) {
      return ComparedAs.UNCHECKED;
    }
    String scalar = type.trim().toLowerCase(Locale.ROOT);
    if (INTEGER_RANGES.containsKey(scalar) || scalar.equals("real32") || scalar.equals("real64")) {
      return ComparedAs.NUMBER;
    }
    return switch (scalar) {
      case "string", "char16", "datetime" -> ComparedAs.TEXT;
      case "boolean" -> ComparedAs.BOOLEAN;
      default -> ComparedAs.UNCHECKED;
    };
  }

  private static boolean isArray(String type) {
    return type.endsWith("[]");
  }

  private static String elementType(String type) {
    return isArray(type) ? type.substring(0, type.length() - 2).trim() : type.trim();
  }

  /**
   * Checks that {@code value} fits {@code type} and returns it in the form the repository keeps
   * (integers given for a real become doubles).
   *
   * @param what names the property or parameter, for the error message
   * @param failure the result to report when the value does not fit
   * @throws MiException with {@code failure} when it does not fit
   */
  static @Nullable Object coerce(
      String type, @Nullable Object value, String what, MiResult failure) {
    if (value == null) {
      return null;
    }
    if (isArray(type)) {
      if (!(value instanceof List<?> list)) {
        throw mismatch(type, value, what, failure);
      }
      List<Object> elements = new ArrayList<>();
      for (Object element : list) {
        elements.add(coerce(elementType(type), element, what, failure));
      }
      return elements;
    }
    String scalar = type.toLowerCase(Locale.ROOT);
    long[] range = INTEGER_RANGES.get(scalar);
    if (range != null) {
      if (value instanceof Long number && number >= range[0] && number <= range[1]) {
        return value;
      }
      throw mismatch(type, value, what, failure);
    }
    boolean fits =
        switch (scalar) {
          case "string", "datetime" -> value instanceof String;
          case "char16" -> value instanceof String text && text.length() == 1;
          case "boolean" -> value instanceof Boolean;
          case "real32", "real64" -> value instanceof Double || value instanceof Long;
          default -> value instanceof MiInstance; // object and references
        };
    if (!fits) {
      throw mismatch(type, value, what, failure);
    }
    return value instanceof Long number && scalar.startsWith("real") ? number.doubleValue() : value;
  }

  private static MiException mismatch(String type, Object value, String what, MiResult failure) {
    return new MiException(
        failure,
        what
            + " is of type "
            + type
            + " but was given "
            + (value instanceof MiInstance instance
                ? "an instance of " + instance.className()
                : value.getClass().getSimpleName() + " " + value));
  }
}
