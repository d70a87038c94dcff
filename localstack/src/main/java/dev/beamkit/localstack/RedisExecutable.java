package dev.beamkit.localstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a {@code redis-server} binary: the one on PATH if there is one, else the binary for this
 * OS and CPU that ships inside the embedded-redis jar, copied once into a cache directory.
 */
final class RedisExecutable {

  private RedisExecutable() {}

  /** The binary to run: {@code redis-server} from PATH, else the embedded one. */
  static Path find() {
    return onPath().orElseGet(RedisExecutable::embedded);
  }

  /** {@code redis-server} from PATH, if any directory on PATH holds an executable one. */
  static Optional<Path> onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate.toAbsolutePath());
      }
    }
    return Optional.empty();
  }

  /**
   * The binary from the embedded-redis jar, extracted on first use to {@code
   * ~/.cache/beamkit/redis/}, or to java.io.tmpdir where the home directory is not writable.
   */
  static Path embedded() {
    String resource = resourceName(System.getProperty("os.name"), System.getProperty("os.arch"));
    Path home = Path.of(System.getProperty("user.home"), ".cache", "beamkit", "redis");
    try {
      return extract(resource, home);
    } catch (IOException notWritable) {
      try {
        return extract(resource, Path.of(System.getProperty("java.io.tmpdir"), "beamkit-redis"));
      } catch (IOException e) {
        e.addSuppressed(notWritable);
        throw new UncheckedIOException("could not extract " + resource, e);
      }
    }
  }

  /**
   * Copies {@code resource} into {@code dir} unless it is already there. The copy goes through a
   * temporary file and an atomic rename, so JVMs starting at the same time never run a
   * half-written binary.
   */
  static Path extract(String resource, Path dir) throws IOException {
    Path target = dir.resolve(resource);
    if (Files.isExecutable(target)) {
      return target;
    }
    try (InputStream in = RedisExecutable.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is not on the classpath: is com.github.codemonstur:embedded-redis there?");
      }
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, resource, ".part");
      try {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        if (!partial.toFile().setExecutable(true)) {
          throw new IOException("could not make " + partial + " executable");
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return target;
    }
  }

  /** The name of the embedded-redis resource for an OS and CPU as Java names them. */
  static String resourceName(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
    boolean x86 = arch.equals("x86") || arch.equals("i386") || arch.equals("i686");
    if (os.contains("linux")) {
      if (x64) {
        return "redis-server-6.2.6-v5-linux-amd64";
      }
      if (arm64) {
        return "redis-server-6.2.7-linux-arm64";
      }
      if (x86) {
        return "redis-server-6.2.7-linux-386";
      }
    } else if (os.contains("mac")) {
      if (x64) {
        return "redis-server-6.2.6-v5-darwin-amd64";
      }
      if (arm64) {
        return "redis-server-6.2.6-v5-darwin-arm64";
      }
    } else if (os.contains("windows") && x64) {
      return "redis-server-5.0.14.1-windows-amd64.exe";
    }
    throw new IllegalStateException(
        "embedded-redis ships no redis-server for " + osName + "/" + osArch
            + ": install redis-server and put it on PATH");
  }
}
