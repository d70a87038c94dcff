package dev.beamkit.pipelines.words;

import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.JsonText;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.PipelineOutputs;
import dev.beamkit.pipelines.ResultEntries;
import dev.beamkit.pipelines.ResultSinks;
import dev.beamkit.pipelines.options.PipelineDefaults;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.Sink;
import dev.beamkit.pipelines.redis.RedisWrite;
import dev.beamkit.transforms.CountWords;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.DecodeText;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.TopN;
import dev.beamkit.transforms.TriggeredWindows;
import dev.beamkit.transforms.Windowed;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

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
public final class WordCount extends BeamkitPipeline<WordCount.Config, WordCount.WordCounts> {
  public static final PipelineDefaults DEFAULTS =
      new PipelineDefaults(
          "word-count", "text-stream", "word-counts", "text-stream-dead-letters", "words:", Sink.KAFKA);

  /** How many words the top-words output lists per window. */
  public static final int TOP_WORDS = 10;

  /**
   * The values the transform needs.
   *
   * @param topWords whether to list the {@value #TOP_WORDS} most frequent words of each pane too
   */
  public record Config(Duration windowSize, Duration allowedLateness, boolean topWords)
      implements Serializable {
    /** Windows of {@code windowSize} with {@code allowedLateness}, without the top words. */
    public static Config of(Duration windowSize, Duration allowedLateness) {
      return new Config(windowSize, allowedLateness, false);
    }

    /** The top words are listed when {@code --topWordsTopic} names a topic for them. */
    public static Config from(Settings settings) {
      return new Config(settings.windowSize(), settings.allowedLateness(), settings.topWordsTopic() != null);
    }

    public Config withTopWords() {
      return new Config(windowSize, allowedLateness, true);
    }
  }

  /** The transform's outputs; {@code topWords} is null unless the config asks for them. */
  public record WordCounts(
      PCollection<Windowed<KV<String, Long>>> counts,
      @Nullable PCollection<Windowed<List<KV<String, Long>>>> topWords,
      PCollection<DeadLetter> deadLetters)
      implements PipelineOutputs {
    @Override
    public Map<TupleTag<?>, PValue> expand() {
      Map<TupleTag<?>, PValue> all = new LinkedHashMap<>();
      all.put(new TupleTag<>("counts"), counts);
      if (topWords != null) {
        all.put(new TupleTag<>("topWords"), topWords);
      }
      all.put(new TupleTag<>("deadLetters"), deadLetters);
      return all;
    }
  }

  /** Decode, window and count; the input may come from Kafka or a TestStream. */
  public static final class CountWordsPerWindow extends PTransform<PCollection<RawRecord>, WordCounts> {
    private final Config config;

    public CountWordsPerWindow(Config config) {
      this.config = config;
    }

    @Override
    public WordCounts expand(PCollection<RawRecord> input) {
      WithFailures.Result<PCollection<String>, DeadLetter> lines =
          input.apply("Decode", DecodeText.utf8());
      PCollection<KV<String, Long>> counts =
          lines
              .output()
              .apply(
                  "Window",
                  TriggeredWindows.<String>fixed(config.windowSize())
                      .withAllowedLateness(config.allowedLateness()))
              .apply("CountWords", CountWords.lines());
      PCollection<Windowed<List<KV<String, Long>>>> topWords =
          config.topWords()
              ? counts
                  .apply("TopWords", TopN.<String, Long>perWindow(TOP_WORDS))
                  .apply("TopWordsWindowInfo", Windowed.attach())
              : null;
      return new WordCounts(counts.apply("WindowInfo", Windowed.attach()), topWords, lines.failures());
    }
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

  /** No event time in the payload: the source stamps lines with their Kafka timestamps. */
  public WordCount() {
    super(DEFAULTS, Config::from, config -> null, CountWordsPerWindow::new);
  }

  /** Kafka: key = word; Redis: key = prefix + window end + ":" + word, value = the count. */
  @Override
  public ResultEntries<?> resultEntries(WordCounts outputs, Settings settings) {
    String prefix = settings.keyPrefix();
    return ResultEntries.of(outputs.counts())
        .toKafka(w -> KV.of(w.value().getKey(), toJson(w)))
        .toRedis(
            w -> KV.of(prefix + w.windowEnd().getMillis() + ":" + w.value().getKey(), Long.toString(w.value().getValue())),
            RedisWrite.Mode.MAX);
  }

  /** The top words, when listed, to {@code --topWordsTopic}, keyed by window end. */
  @Override
  public void writeFurtherOutputs(WordCounts outputs, Settings settings) {
    if (outputs.topWords() != null) {
      ResultSinks.kafka(
          "WriteTopWords",
          outputs.topWords(),
          w -> KV.of(Long.toString(w.windowEnd().getMillis()), topWordsJson(w)),
          settings.topWordsTopic(),
          settings);
    }
  }

  public static void main(String[] args) {
    PipelineLauncher.main(new WordCount(), args);
  }
}
