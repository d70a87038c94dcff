package dev.beamkit.pipelines.redis;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A Redis server address in the form {@code redis://[user:password@]host:port[/db]}, or
 * {@code rediss://} for TLS. A user without a password, {@code redis://:password@host}, is the
 * classic single-password AUTH; an empty one, {@code redis://user:@host}, is a user whose password
 * comes from elsewhere ({@link RedisConnection}). {@link #toString()} hides the password so it
 * never reaches logs.
 */
public record RedisUri(
    String host, int port, @Nullable String user, @Nullable String password, int database, boolean tls)
    implements Serializable {

  /** Parses {@code text}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static RedisUri parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty; write redis://host:port[/db]");
    }
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URI; write redis://[user:password@]host:port[/db]");
    }
    String scheme = uri.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw new IllegalArgumentException("scheme must be redis:// or rediss://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("no host; write redis://host:port");
    }
    int port = uri.getPort() == -1 ? 6379 : uri.getPort();
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      if (colon < 0) {
        password = decode(info);
      } else {
        user = colon == 0 ? null : decode(info.substring(0, colon));
        password = colon == info.length() - 1 ? null : decode(info.substring(colon + 1));
      }
    }
    return new RedisUri(uri.getHost(), port, user, password, database(uri.getPath()), "rediss".equals(scheme));
  }

  private static int database(@Nullable String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    try {
      int db = Integer.parseInt(path.substring(1));
      if (db < 0) {
        throw new NumberFormatException();
      }
      return db;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("database must be a number, e.g. redis://host:6379/0");
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** This address and user without the password. */
  public RedisUri withoutPassword() {
    return new RedisUri(host, port, user, null, database, tls);
  }

  /**
   * The URI as {@link #parse} reads it, with {@code ***} for the password; without a password
   * exactly the URI text, e.g. {@code rediss://app:@cache:6390/0} for a user whose password is
   * given by reference.
   */
  @Override
  public String toString() {
    String name = user == null ? "" : URLEncoder.encode(user, StandardCharsets.UTF_8);
    String auth = password != null ? name + ":***@" : user != null ? name + ":@" : "";
    return (tls ? "rediss://" : "redis://") + auth + host + ":" + port + "/" + database;
  }
}
