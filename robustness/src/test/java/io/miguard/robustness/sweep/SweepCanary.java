package io.miguard.robustness.sweep;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canary source compiled with every tree (a test resource): a few known mistakes, each marked
 * with the check that must report it. Its findings prove that a sweep compilation really ran the
 * checks, with the options the tree asked for.
 */
final class SweepCanary {
  private static final String RESOURCE = "canary/SweepCanary.java";

  /** {@code // miguard: Check} or {@code // miguard with ExceptionalPaths: Check}. */
  private static final Pattern MARKER =
      Pattern.compile("//\\s*miguard( with ExceptionalPaths)?:\\s*(Mi\\w+)");

  private SweepCanary() {}

  /** The canary's source file. */
  static Path source() {
    URL url = SweepCanary.class.getResource(RESOURCE);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + RESOURCE);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The findings the canary must produce, as {@link Finding#toString()} strings. */
  static TreeSet<String> expectedFindings(boolean exceptionalPaths) throws IOException {
    Path source = source();
    List<String> lines = Files.readAllLines(source, UTF_8);
    TreeSet<String> findings = new TreeSet<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher marker = MARKER.matcher(lines.get(i));
      if (marker.find() && (marker.group(1) == null || exceptionalPaths)) {
        findings.add(
            new Finding(marker.group(2), source.getFileName().toString(), source, i + 1, "").key());
      }
    }
    return findings;
  }
}
