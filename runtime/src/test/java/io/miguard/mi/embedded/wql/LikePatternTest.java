package io.miguard.mi.embedded.wql;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LikePatternTest {
  private static boolean like(String value, String pattern) throws WqlSyntaxException {
    return LikePattern.compile(pattern, 1).matches(value);
  }

  @Test
  void percentMatchesAnyRunIncludingNone() throws WqlSyntaxException {
    assertThat(like("svchost.exe", "svc%")).isTrue();
    assertThat(like("svc", "svc%")).isTrue();
    assertThat(like("xsvc", "svc%")).isFalse();
    assertThat(like("lsass.exe", "%.exe")).isTrue();
    assertThat(like("a.exe.bak", "%.exe")).isFalse();
    assertThat(like("anything", "%")).isTrue();
    assertThat(like("", "%")).isTrue();
  }

  @Test
  void underscoreMatchesExactlyOne() throws WqlSyntaxException {
    assertThat(like("C:", "_:")).isTrue();
    assertThat(like(":", "_:")).isFalse();
    assertThat(like("CD:", "_:")).isFalse();
  }

  @Test
  void setsAndRanges() throws WqlSyntaxException {
    assertThat(like("C:", "[CD]:")).isTrue();
    assertThat(like("E:", "[CD]:")).isFalse();
    assertThat(like("E:", "[A-F]:")).isTrue();
    assertThat(like("Z:", "[A-F]:")).isFalse();
    assertThat(like("Z:", "[^A-F]:")).isTrue();
    assertThat(like("C:", "[^A-F]:")).isFalse();
    assertThat(like("x7", "x[0-9]")).isTrue();
  }

  @Test
  void bracketsEscapeWildcards() throws WqlSyntaxException {
    assertThat(like("100%", "100[%]")).isTrue();
    assertThat(like("1000", "100[%]")).isFalse();
    assertThat(like("a_b", "a[_]b")).isTrue();
    assertThat(like("axb", "a[_]b")).isFalse();
    assertThat(like("[x]", "[[]x]")).isTrue();
  }

  @Test
  void ignoresCase() throws WqlSyntaxException {
    assertThat(like("SVCHOST.EXE", "svc%.exe")).isTrue();
    assertThat(like("c:", "[C]:")).isTrue();
  }

  @Test
  void regexCharactersAreLiteral() throws WqlSyntaxException {
    assertThat(like("a.b", "a.b")).isTrue();
    assertThat(like("axb", "a.b")).isFalse();
    assertThat(like("C:\\Windows", "C:\\%")).isTrue();
    assertThat(like("(x)+", "(x)+")).isTrue();
  }

  @Test
  void malformedSets() {
    WqlSyntaxException e =
        assertThrows(WqlSyntaxException.class, () -> LikePattern.compile("[abc", 12));
    assertThat(e.position()).isEqualTo(12);
    assertThrows(WqlSyntaxException.class, () -> LikePattern.compile("[z-a]", 1));
  }
}
