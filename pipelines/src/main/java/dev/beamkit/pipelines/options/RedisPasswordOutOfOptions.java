package dev.beamkit.pipelines.options;

import dev.beamkit.pipelines.redis.RedisUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Takes a literal password out of {@code --redisUri}: runners publish every pipeline option (the
 * FlinkRunner puts them in the job configuration its web UI and REST API show, Spark writes them
 * into its checkpoints). The password goes into a file only its owner can read, deleted when this
 * JVM ends, and the options name that file as {@code --redisPasswordFile}. So a literal password
 * works for a job running on this machine; a cluster elsewhere needs a password file of its own or
 * {@code REDISCLI_AUTH}.
 */
final class RedisPasswordOutOfOptions {
  private RedisPasswordOutOfOptions() {}

  /** {@code uri} without its password, after moving the password from {@code options} to a file. */
  static RedisUri move(RedisUri uri, BeamkitOptions options) {
    if (uri.password() == null) {
      return uri;
    }
    if (options.getRedisPasswordFile() != null && !options.getRedisPasswordFile().isBlank()) {
      throw new OptionError(
          "redisUri", uri.toString(), "holds a password and so does --redisPasswordFile; give one");
    }
    RedisUri withoutPassword = uri.withoutPassword();
    options.setRedisPasswordFile(privateFile(uri.password()).toString());
    options.setRedisUri(withoutPassword.toString());
    return withoutPassword;
  }

  private static Path privateFile(String password) {
    try {
      Path file =
          Files.createTempFile(
              "beamkit-redis-password-",
              "",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      file.toFile().deleteOnExit();
      return Files.writeString(file, password, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the Redis password to a private file", e);
    }
  }
}
