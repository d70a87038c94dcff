package dev.beamkit.localstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * The users of a password-protected redis-server, as the lines of a configuration file that only
 * its owner can read: passwords on redis-server's command line would show in {@code ps}.
 */
final class RedisUsers {
  private static final String DEFAULT_USER = "default";

  private RedisUsers() {}

  /** Writes {@code users.conf} (name to password) into {@code dir} and returns its path. */
  static Path writeConfig(Path dir, Map<String, String> users) {
    StringBuilder config = new StringBuilder();
    users.forEach(
        (name, password) -> {
          if (!name.matches("[A-Za-z0-9_.-]+") || !password.matches("\\S+")) {
            throw new IllegalArgumentException("a Redis user name or password with spaces: " + name);
          }
          // The default user keeps every right; an application user may not administer the server.
          String rights = name.equals(DEFAULT_USER) ? "+@all" : "+@all -@admin";
          config.append("user ").append(name).append(" reset on >").append(password)
              .append(" ~* &* ").append(rights).append('\n');
        });
    if (!users.containsKey(DEFAULT_USER)) {
      // Else the default user would still come in without a password.
      config.append("user ").append(DEFAULT_USER).append(" reset off\n");
    }
    return SecretFiles.writePrivate(dir.resolve("users.conf"), config.toString());
  }
}
