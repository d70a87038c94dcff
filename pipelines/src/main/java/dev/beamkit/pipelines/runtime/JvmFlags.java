package dev.beamkit.pipelines.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags a JVM that runs a pipeline must start with, which no code inside it can set: the
 * {@code --add-opens} options. Spark (and Flink's Kryo) reflect into JDK internals that Java 17
 * closes. The list is beamkit-parent's {@code beamkit.addOpens} property — one definition, which
 * the build also gives the test JVMs (surefire/failsafe argLine) — copied into the resource {@code
 * jvm-add-opens.txt} by Maven's resource filtering. {@code bin/beamkit} asks {@link #main} for
 * them, the benchmarks' child JVMs read {@link #addOpens}. beamkit-localstack filters the same
 * property for the cluster JVMs it starts: it depends on no beamkit module and a job jar must hold
 * no localstack class, so neither can read the other's copy.
 */
public final class JvmFlags {
  private static final String RESOURCE = "jvm-add-opens.txt";

  private JvmFlags() {}

  /** Prints the flags on one line, for a launch script: {@code java $(... JvmFlags) ...}. */
  public static void main(String[] args) {
    System.out.println(String.join(" ", addOpens()));
  }

  /** One list element per {@code --add-opens=module/package=target}. */
  public static List<String> addOpens() {
    String text;
    try (InputStream in = JvmFlags.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource dev/beamkit/pipelines/runtime/" + RESOURCE + " is missing: build beamkit-pipelines");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> flags = new ArrayList<>();
    for (String token : text.trim().split("\\s+")) {
      if (!token.startsWith("--add-opens=")) {
        throw new IllegalStateException(RESOURCE + " holds '" + token + "', not an --add-opens option (was it filtered?)");
      }
      flags.add(token);
    }
    return flags;
  }
}
