package io.miguard.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One compilation a worker is asked to run: javac options and source files. It travels as a file
 * (options, a {@code --} line, then one source per line) whose path is the request line on the
 * worker's standard input, so that requests of thousands of files stay one line.
 */
record CompileRequest(List<String> options, List<Path> sources) {
  private static final String SEPARATOR = "--";

  void writeTo(Path file) throws IOException {
    List<String> lines = new ArrayList<>(options);
    lines.add(SEPARATOR);
    sources.forEach(source -> lines.add(source.toString()));
    Files.write(file, lines, UTF_8);
  }

  static CompileRequest readFrom(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, UTF_8);
    int separator = lines.indexOf(SEPARATOR);
    if (separator < 0) {
      throw new IOException("no '" + SEPARATOR + "' line in " + file);
    }
    List<Path> sources = lines.subList(separator + 1, lines.size()).stream().map(Path::of).toList();
    return new CompileRequest(List.copyOf(lines.subList(0, separator)), sources);
  }
}
