package io.miguard.checker;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The javac options that load the checks the way users do: {@code -Xplugin:ErrorProne}, Error Prone
 * and the checker's classes on the processor path, the checks found through the service
 * registration that {@code @AutoService} wrote into the built classes.
 */
final class JavacWithPlugin {
  private JavacWithPlugin() {}

  /** The options, with {@code errorProneArgs} appended to {@code -Xplugin:ErrorProne}. */
  static List<String> options(String errorProneArgs) throws URISyntaxException {
    String classpath = testClasspath();
    List<String> options = new ArrayList<>();
    options.add("-XDcompilePolicy=simple");
    options.add("--should-stop=ifError=FLOW");
    if (Runtime.version().feature() >= 21) {
      options.add("-XDaddTypeAnnotationsToSymbol=true");
    }
    options.add("-classpath");
    options.add(classpath);
    // Error Prone and the checker are found on the processor path, as a build tool puts them.
    options.add("-processorpath");
    options.add(checkerClasses() + File.pathSeparator + classpath);
    // PackageInfo cannot handle compile-testing's in-memory source URIs.
    options.add(("-Xplugin:ErrorProne -Xep:PackageInfo:OFF " + errorProneArgs).strip());
    return options;
  }

  /** The test class path (surefire may hide it behind a manifest-only jar). */
  private static String testClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    String classpath = surefire != null ? surefire : System.getProperty("java.class.path");
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** The directory the checker's main classes were built into. */
  static Path checkerClasses() throws URISyntaxException {
    return Path.of(
        MiCloseBeforeDrain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
