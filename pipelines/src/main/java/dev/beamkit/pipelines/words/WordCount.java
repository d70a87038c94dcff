package dev.beamkit.pipelines.words;

import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.JsonText;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.ResultSinks;
import dev.beamkit.pipelines.kafka.KafkaSource;
import dev.beamkit.pipelines.options.PipelineDefaults;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.Sink;
import dev.beamkit.pipelines.redis.RedisWrite;
import dev.beamkit.transforms.CountWords;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.DecodeText;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.TopN;
import dev.beamkit.transforms.Windowed;
import dev.beamkit.transforms.TriggeredWindows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * word-count: UTF-8 text lines from Kafka {@code text-stream} are tokenized (see {@code
 * Tokenize}: Unicode letters and digits, lower-cased, apostrophes inside words kept) and counted
 * per word per fixed window of the records' Kafka timestamps, written to Kafka {@code
 * word-counts} as {@code {"word":…,"count":…,"windowStart":…,"windowEnd":…}} or to Redis (key =
 * prefix + window end + ":" + word). Bytes that are not valid UTF-8 become dead letters.
 *
 * <p>With {@code --topWordsTopic}, the {@value #TOP_WORDS} most frequent words of every window
 * pane (by {@link TopN}: higher count first, ties in alphabetical order) also go to that topic,
 * keyed by window end, as {@code {"windowStart":…,"windowEnd":…,"timing":…,"top":[{"word":…,
 * "count":…},…]}}; a LATE pane re-sends the window's list with the late words counted.
 */
public final class WordCount implements BeamkitPipeline {
  public static final PipelineDefaults DEFAULTS =
      new PipelineDefaults(
          "word-count", "text-stream", "word-counts", "text-stream-dead-letters", "words:", Sink.KAFKA);

  /** How many words the top-words output lists per window. */
  public static final int TOP_WORDS = 10;

  /**
   * The transforms' outputs, before any sink; {@code topWords} is null unless {@code
   * --topWordsTopic} is set.
   */
  public record Result(
      PCollection<Windowed<KV<String, Long>>> counts,
      @Nullable PCollection<Windowed<List<KV<String, Long>>>> topWords,
      PCollection<DeadLetter> deadLetters) {}

  /** Decode, window and count; {@code input} may come from Kafka or a TestStream. */
  public static Result build(PCollection<RawRecord> input, Settings settings) {
    WithFailures.Result<PCollection<String>, DeadLetter> lines =
        input.apply("Decode", DecodeText.utf8());
    PCollection<KV<String, Long>> counts =
        lines
            .output()
            .apply(
                "Window",
                TriggeredWindows.<String>fixed(settings.windowSize())
                    .withAllowedLateness(settings.allowedLateness()))
            .apply("CountWords", CountWords.lines());
    PCollection<Windowed<List<KV<String, Long>>>> topWords =
        settings.topWordsTopic() == null
            ? null
            : counts
                .apply("TopWords", TopN.<String, Long>perWindow(TOP_WORDS))
                .apply("TopWordsWindowInfo", Windowed.attach());
    return new Result(counts.apply("WindowInfo", Windowed.attach()), topWords, lines.failures());
  }

  /** The JSON value written for the top words of one window pane. */
  public static String topWordsJson(Windowed<List<KV<String, Long>>> w) {
    List<Map<String, Object>> top = new ArrayList<>();
    for (KV<String, Long> word : w.value()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("word", word.getKey());
      entry.put("count", word.getValue());
      top.add(entry);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("windowStart", w.windowStart().getMillis());
    json.put("windowEnd", w.windowEnd().getMillis());
    json.put("timing", w.timing().name());
    json.put("top", top);
    return JsonText.of(json);
  }

  /** The JSON value written for one word in one window pane. */
  public static String toJson(Windowed<KV<String, Long>> w) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("word", w.value().getKey());
    json.put("count", w.value().getValue());
    json.put("windowStart", w.windowStart().getMillis());
    json.put("windowEnd", w.windowEnd().getMillis());
    json.put("timing", w.timing().name());
    return JsonText.of(json);
  }

  @Override
  public PipelineDefaults defaults() {
    return DEFAULTS;
  }

  @Override
  public void assemble(Pipeline pipeline, Settings settings) {
    Result result = build(pipeline.apply("ReadKafka", KafkaSource.withRecordTime(settings)), settings);
    ResultSinks.deadLetters(result.deadLetters(), settings);
    if (result.topWords() != null) {
      ResultSinks.kafka(
          "WriteTopWords",
          result.topWords(),
          w -> KV.of(Long.toString(w.windowEnd().getMillis()), topWordsJson(w)),
          settings.topWordsTopic(),
          settings);
    }
    if (settings.sink() == Sink.KAFKA) {
      ResultSinks.kafka(result.counts(), w -> KV.of(w.value().getKey(), toJson(w)), settings);
    } else {
      String prefix = settings.keyPrefix();
      ResultSinks.redis(
          result.counts(),
          w -> KV.of(prefix + w.windowEnd().getMillis() + ":" + w.value().getKey(), Long.toString(w.value().getValue())),
          RedisWrite.Mode.MAX,
          settings);
    }
  }

  public static void main(String[] args) {
    PipelineLauncher.main(new WordCount(), args);
  }
}
