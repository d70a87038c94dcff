package dev.beamkit.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.redis.RedisConnection;
import dev.beamkit.pipelines.redis.RedisUri;
import dev.beamkit.pipelines.redis.RedisWrite;
import dev.beamkit.pipelines.replay.KafkaReplayer;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.pipelines.runtime.RunnerProfile;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.Enrich;
import dev.beamkit.transforms.RawRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * {@link KafkaLookup} feeding {@link Enrich} on the DirectRunner, all from a real broker: the
 * user events of testdata/ get their page's title from a compacted-style topic in which one
 * title was rewritten, and the events on the one page without a title are dead letters.
 */
class KafkaLookupIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long T0 = 1_709_294_400_000L;
  private final LocalStack stack = LocalStack.shared();
  private final String prefix = "lookup-it:" + UUID.randomUUID() + ":";

  private static ReplayRecord title(String page, String title, long at) {
    return new ReplayRecord(page.getBytes(StandardCharsets.UTF_8), title.getBytes(StandardCharsets.UTF_8), at);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String page(RawRecord r) {
    try {
      return MAPPER.readTree(r.value()).get("page").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> redis() {
    Map<String, String> found = new TreeMap<>();
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      for (String key : jedis.keys(prefix + "*")) {
        found.put(key.substring(prefix.length()), jedis.get(key));
      }
    }
    return found;
  }

  /** How many events got each title, and how many dead letters each untitled page. */
  private Map<String, Integer> titlesSeen() {
    Map<String, Integer> byTitle = new TreeMap<>();
    redis().values().forEach(title -> byTitle.merge(title, 1, Integer::sum));
    return byTitle;
  }

  @Test
  void eventsGetTheLatestTitleOfTheirPageAndUntitledPagesAreDeadLetters() throws Exception {
    String events = "user-events-" + UUID.randomUUID();
    String titles = "page-titles-" + UUID.randomUUID();
    stack.kafka().createTopic(events, 1);
    stack.kafka().createTopic(titles, 1);
    List<ReplayRecord> updates =
        List.of(
            title("http://example.com/", "Home", T0),
            title("http://example.com/blog", "Blog (draft)", T0),
            title("http://example.com/download", "Download", T0),
            title("http://example.com/pricing", "Pricing", T0),
            title("http://example.com/signup", "Sign up", T0),
            title("http://example.com/blog", "Blog", T0 + 1000));
    try (KafkaReplayer replayer = new KafkaReplayer(stack.bootstrapServers(), System.out)) {
      replayer.replay(titles, updates.iterator(), 0);
      replayer.replay(events, TestdataFile.read(Path.of("../testdata/user-events.jsonl"), null).iterator(), 0);
    }

    // The broker's address only in the client properties file, where it wins over
    // --bootstrapServers (a closed port): the lookup reads nothing unless it uses the file too.
    Path clientProperties = Files.writeString(
        Files.createTempFile("lookup-client", ".properties"), "bootstrap.servers=" + stack.bootstrapServers() + "\n");
    BeamkitOptions options =
        RunnerProfile.of(
                "--runner=DirectRunner", "--streaming=true",
                "--bootstrapServers=127.0.0.1:" + closedPort(), "--kafkaProperties=" + clientProperties,
                "--inputTopic=" + events)
            .options(BeamkitOptions.class);
    Settings settings = Settings.of(options, EventCounts.DEFAULTS);
    Pipeline p = Pipeline.create(options);
    PCollection<KV<String, String>> pageTitles = p.apply("Titles", KafkaLookup.of(settings, titles));
    WithFailures.Result<PCollection<KV<RawRecord, String>>, DeadLetter> enriched =
        p.apply("Events", KafkaSource.withRecordTime(settings))
            .apply(
                "AddTitle",
                // The delay lets the first version of the lookup take in the topic's backlog.
                Enrich.withLookup(pageTitles).by(KafkaLookupIT::page).refreshedEvery(Duration.standardSeconds(5)));
    RedisConnection redis = RedisConnection.to(RedisUri.parse(stack.redisUri()));
    String keyPrefix = prefix;
    enriched
        .output()
        .apply("ByOffset", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via(kv -> KV.of(keyPrefix + kv.getKey().offset(), kv.getValue())))
        .apply("WriteTitles", RedisWrite.set(redis));
    enriched
        .failures()
        .apply("Missing", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via(d -> KV.of(keyPrefix + d.original().offset(), d.exceptionType() + " " + page(d.original()))))
        .apply("WriteMisses", RedisWrite.set(redis));

    Map<String, Integer> expected =
        Map.of(
            "Home", 38, "Blog", 27, "Download", 45, "Pricing", 36, "Sign up", 29,
            Enrich.MISSING + " http://example.com/docs", 25);
    try (RunningJob job = RunningJob.start(p)) {
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
      while (!expected.equals(new TreeMap<>(titlesSeen())) && System.nanoTime() < deadline) {
        Thread.sleep(500);
      }
      assertEquals(new TreeMap<>(expected), titlesSeen());
    } finally {
      Files.deleteIfExists(clientProperties);
    }
  }
}
