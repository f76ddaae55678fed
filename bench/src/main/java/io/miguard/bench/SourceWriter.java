package io.miguard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one generated source file line by line and knows the number of the line it writes next, so
 * a generator can say where it put a mistake: the ground truth of the findings.
 */
final class SourceWriter {
  private final StringBuilder text = new StringBuilder();
  private final List<String> expectedFindings = new ArrayList<>();
  private final String fileName;
  private int nextLine = 1;

  SourceWriter(String fileName) {
    this.fileName = fileName;
  }

  /** Appends lines, each of which may itself hold line breaks. */
  SourceWriter lines(String... lines) {
    for (String line : lines) {
      for (String physical : line.split("\n", -1)) {
        text.append(physical).append('\n');
        nextLine++;
      }
    }
    return this;
  }

  /** Records that {@code check} must report the line written next. */
  SourceWriter expectFindingOnNextLine(String check) {
    expectedFindings.add(check + ":" + fileName + ":" + nextLine);
    return this;
  }

  /** The findings as {@link CompileResult#findings()} spells them. */
  List<String> expectedFindings() {
    return List.copyOf(expectedFindings);
  }

  Path writeTo(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve(fileName);
    Files.writeString(file, text, UTF_8);
    return file;
  }
}
