package dev.beamkit.pipelines;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pipeline's main in a JVM of its own, as a user runs it, for the launch checks that promise an
 * answer within 15 s: the JVM's start counts, and a test JVM that has loaded Beam already would
 * hide it.
 */
public final class LaunchInItsOwnJvm {
  /** What a launch may take, JVM start included, before it has to have ended with its one line. */
  public static final Duration LIMIT = Duration.ofSeconds(15);

  /** How the launch ended: exit code, what it printed on stderr, and how long it took. */
  public record Result(int exit, String stderr, Duration took) {}

  private LaunchInItsOwnJvm() {}

  /** Runs {@code main}'s main with {@code args}; fails the test if it is still running after {@link #LIMIT}. */
  public static Result run(Class<?> main, String... args) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    // In a file, so that what a launch that overran printed can still be read once it is killed.
    Path errors = Files.createTempFile("launch", ".stderr");
    try {
      long start = System.nanoTime();
      Process process =
          new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile()).start();
      boolean ended = process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (!ended) {
        process.destroyForcibly().waitFor();
      }
      String stderr = Files.readString(errors, StandardCharsets.UTF_8).strip();
      assertTrue(ended, "still running after " + LIMIT + "; stderr: " + stderr);
      // The figure the README quotes; a launch near the limit shows in the test log before it fails.
      System.out.println(main.getSimpleName() + " " + String.join(" ", args) + ": exit " + process.exitValue() + " after " + took.toMillis() + " ms");
      return new Result(process.exitValue(), stderr, took);
    } finally {
      Files.deleteIfExists(errors);
    }
  }
}
