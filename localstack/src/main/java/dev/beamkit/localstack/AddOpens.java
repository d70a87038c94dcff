package dev.beamkit.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --add-opens} options the Flink and Spark JVMs start with. Spark (and Flink's Kryo)
 * reflect into JDK internals that Java 17 closes. The list is beamkit-parent's {@code
 * beamkit.addOpens} property, copied into the resource {@code jvm-add-opens.txt} by Maven's
 * resource filtering, so test JVMs, launch scripts and cluster JVMs share one definition.
 */
final class AddOpens {

  private static final String RESOURCE = "jvm-add-opens.txt";

  private AddOpens() {}

  /** Returns the options, one list element per {@code --add-opens=module/package=target}. */
  static List<String> options() {
    String text;
    try (InputStream in = AddOpens.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource dev/beamkit/localstack/" + RESOURCE
                + " is missing: build beamkit-localstack");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> options = new ArrayList<>();
    for (String token : text.trim().split("\\s+")) {
      if (!token.startsWith("--add-opens")) {
        throw new IllegalStateException(
            RESOURCE + " holds '" + token + "', not an --add-opens option (was it filtered?)");
      }
      options.add(token);
    }
    return options;
  }
}
