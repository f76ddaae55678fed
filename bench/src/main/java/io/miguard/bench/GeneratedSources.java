package io.miguard.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Source files a generator wrote, with what it knows about them.
 *
 * @param files the files, ready for javac
 * @param expectedFindings the miguard findings the generator's own mistakes must produce, as {@code
 *     CheckName:File.java:line}
 * @param statements how many statements the measured methods hold
 */
record GeneratedSources(List<Path> files, List<String> expectedFindings, long statements) {}
