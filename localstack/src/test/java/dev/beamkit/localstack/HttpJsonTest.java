package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The readiness checks read status documents strictly: a changed or broken page is not "ready". */
class HttpJsonTest {

  @Test
  void readsTheMembersOfAFlinkOverview() throws IOException {
    JsonNode overview =
        HttpJson.parse(
            "{\"taskmanagers\":1,\"slots-total\":2,\"slots-available\":2,"
                + "\"flink-version\":\"1.19.0\",\"flink-commit\":\"eaffd22\"}");

    assertEquals(1, HttpJson.longMember(overview, "taskmanagers"));
    assertEquals(2, HttpJson.longMember(overview, "slots-total"));
    assertEquals("1.19.0", overview.path("flink-version").asText());
  }

  @Test
  void readsNestedSparkMasterStatus() throws IOException {
    JsonNode status =
        HttpJson.parse(
            "{\n  \"url\" : \"spark://127.0.0.1:7077\",\n  \"workers\" : [ {\n"
                + "    \"state\" : \"ALIVE\", \"cores\" : 2, \"memory\" : 1024 } ],\n"
                + "  \"aliveworkers\" : 1, \"activeapps\" : [ ], \"status\" : \"ALIVE\" }");

    assertEquals(1, HttpJson.longMember(status, "aliveworkers"));
    assertEquals(2, HttpJson.longMember(status.path("workers").get(0), "cores"));
    assertEquals(0, status.path("activeapps").size());
  }

  @Test
  void rejectsDocumentsThatAreNotOneWholeJsonValue() {
    for (String broken : new String[] {"{\"a\":1", "{\"a\" 1}", "[1,]", "{} x", "<html>", ""}) {
      IOException e = assertThrows(IOException.class, () -> HttpJson.parse(broken), broken);
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
  }

  @Test
  void anAbsentOrNonNumericMemberIsAnErrorNotZero() throws IOException {
    JsonNode document = HttpJson.parse("{\"slots\":\"two\",\"cores\":1.5}");
    assertThrows(IllegalArgumentException.class, () -> HttpJson.longMember(document, "taskmanagers"));
    assertThrows(IllegalArgumentException.class, () -> HttpJson.longMember(document, "slots"));
    assertThrows(IllegalArgumentException.class, () -> HttpJson.longMember(document, "cores"));
  }
}
