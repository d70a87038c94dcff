package dev.beamkit.pipelines.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedisUriTest {

  @Test
  void hostAndPortOnly() {
    RedisUri uri = RedisUri.parse("redis://127.0.0.1:6380");
    assertEquals("127.0.0.1", uri.host());
    assertEquals(6380, uri.port());
    assertEquals(0, uri.database());
    assertNull(uri.user());
    assertNull(uri.password());
    assertFalse(uri.tls());
  }

  @Test
  void userPasswordDatabaseAndTls() {
    RedisUri uri = RedisUri.parse("rediss://app:p%40ss@cache.example:6390/5");
    assertEquals("app", uri.user());
    assertEquals("p@ss", uri.password());
    assertEquals(5, uri.database());
    assertTrue(uri.tls());
  }

  @Test
  void passwordOnlyIsClassicAuthAndDefaultPortIs6379() {
    RedisUri uri = RedisUri.parse("redis://:secret@host");
    assertNull(uri.user());
    assertEquals("secret", uri.password());
    assertEquals(6379, uri.port());
  }

  @Test
  void toStringHidesThePassword() {
    String shown = RedisUri.parse("redis://app:secret@host:1/2").toString();
    assertFalse(shown.contains("secret"), shown);
    assertEquals("redis://app:***@host:1/2", shown);
  }

  @Test
  void rejectsWhatIsNotARedisUri() {
    assertThrows(IllegalArgumentException.class, () -> RedisUri.parse("localhost:6379"));
    assertThrows(IllegalArgumentException.class, () -> RedisUri.parse("redis://host:1/db"));
    assertThrows(IllegalArgumentException.class, () -> RedisUri.parse(""));
  }

  @Test
  void anEmptyPasswordIsAUserWhosePasswordComesFromElsewhere() {
    RedisUri uri = RedisUri.parse("rediss://app:secret@cache.example:6390/5").withoutPassword();
    assertEquals("rediss://app:@cache.example:6390/5", uri.toString());
    RedisUri again = RedisUri.parse(uri.toString());
    assertEquals("app", again.user());
    assertNull(again.password());
    assertEquals(uri, again);
  }
}
