package dev.beamkit.localstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classpath of the broker's own JVM, written at build time by maven-dependency-plugin into two
 * resources next to this class: {@code kafka-server.classpath} (kafka_2.13 and what only it needs,
 * provided scope, so never on a caller's classpath) and {@code runtime.classpath} (kafka-clients
 * and its libraries, which this module also uses at run time).
 */
final class KafkaServerClasspath {

  private static final String[] PARTS = {"kafka-server.classpath", "runtime.classpath"};

  private KafkaServerClasspath() {}

  /** Returns the classpath string for {@code java -cp}, every entry checked to exist. */
  static String get() {
    Set<String> entries = new LinkedHashSet<>();
    for (String part : PARTS) {
      for (String entry : read(part).split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          entries.add(entry.trim());
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (String entry : entries) {
      if (!Files.exists(Path.of(entry))) {
        missing.add(entry);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the Kafka broker classpath names jars that are not here (was beamkit-localstack built"
              + " on another machine? rebuild it): "
              + missing);
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String read(String resource) {
    try (InputStream in = KafkaServerClasspath.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource dev/beamkit/localstack/"
                + resource
                + " is missing: build beamkit-localstack with Maven (generate-resources writes it)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
