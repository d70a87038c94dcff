package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesFlinkOverview() {
    Object overview =
        Json.parse(
            "{\"taskmanagers\":1,\"slots-total\":2,\"slots-available\":2,"
                + "\"flink-version\":\"1.19.0\",\"flink-commit\":\"eaffd22\"}");

    assertEquals(1, Json.longMember(overview, "taskmanagers"));
    assertEquals(2, Json.longMember(overview, "slots-total"));
    assertEquals("1.19.0", Json.member(overview, "flink-version"));
  }

  @Test
  void parsesSparkMasterStatusWithNestingAndWhitespace() {
    Object status =
        Json.parse(
            "{\n  \"url\" : \"spark://127.0.0.1:7077\",\n  \"workers\" : [ {\n"
                + "    \"state\" : \"ALIVE\", \"cores\" : 2, \"memory\" : 1024 } ],\n"
                + "  \"aliveworkers\" : 1, \"activeapps\" : [ ], \"status\" : \"ALIVE\" }");

    assertEquals(1, Json.longMember(status, "aliveworkers"));
    List<?> workers = (List<?>) Json.member(status, "workers");
    assertEquals(Map.of("state", "ALIVE", "cores", 2L, "memory", 1024L), workers.get(0));
    assertEquals(List.of(), Json.member(status, "activeapps"));
  }

  @Test
  void parsesScalarsAndEscapes() {
    assertEquals(-1.5e3, Json.parse("-1.5e3"));
    assertEquals(Boolean.TRUE, Json.parse(" true "));
    assertNull(Json.parse("null"));
    assertEquals("a\"b\\c/\n\u00e9", Json.parse("\"a\\\"b\\\\c\\/\\n\\u00e9\""));
  }

  @Test
  void rejectsMalformedDocuments() {
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":1"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,]"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("<html>"));
    assertThrows(IllegalArgumentException.class, () -> Json.longMember(Json.parse("{}"), "a"));
  }
}
