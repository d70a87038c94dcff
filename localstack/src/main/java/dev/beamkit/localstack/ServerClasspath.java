package dev.beamkit.localstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars of one server JVM ("kafka", "flink" or "spark"), read from the resource {@code
 * dev/beamkit/localstack/<kind>.classpath} that this module's build writes (see {@code
 * src/classpaths/pom.xml}: each kind is resolved in a dependency graph of its own). The files name
 * jars in the local Maven repository of the machine that built the module; none of them is on
 * the classpath of this module's users.
 */
final class ServerClasspath {

  private ServerClasspath() {}

  /** Returns the jars of {@code kind}, every one checked to exist. */
  static List<Path> jars(String kind) {
    String resource = kind + ".classpath";
    List<Path> jars = new ArrayList<>();
    List<Path> missing = new ArrayList<>();
    for (String entry : read(resource).split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path jar = Path.of(entry.trim());
      jars.add(jar);
      if (!Files.isRegularFile(jar)) {
        missing.add(jar);
      }
    }
    if (jars.isEmpty()) {
      throw new IllegalStateException("resource dev/beamkit/localstack/" + resource + " is empty");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the "
              + kind
              + " classpath names jars that are not here (built on another machine, or the local"
              + " Maven repository was cleaned? rebuild beamkit-localstack): "
              + missing);
    }
    return jars;
  }

  /** Returns the jars of {@code kind} joined for {@code java -cp}. */
  static String asString(String kind) {
    List<String> entries = new ArrayList<>();
    for (Path jar : jars(kind)) {
      entries.add(jar.toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String read(String resource) {
    try (InputStream in = ServerClasspath.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource dev/beamkit/localstack/"
                + resource
                + " is missing: build beamkit-localstack with Maven (generate-resources writes"
                + " it)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
