package dev.beamkit.pipelines.runtime;

import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.OptionError;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The options a Spark streaming run's checkpoint holds. A SparkRunner driver started on a {@code
 * --checkpointDir} that holds a checkpoint resumes from it ({@code
 * JavaStreamingContext.getOrCreate}): the job graph comes back from the checkpoint, built with the
 * first run's options — topics, window size, lateness, sink, {@code --startFrom}, batch interval,
 * master — and the graph the new command line builds is thrown away without a word. So the first
 * start writes the options that shape the graph into {@value #FILE} in the checkpoint directory,
 * and a start with another value of one of them is refused in one line naming the option, before
 * the job starts.
 */
public final class SparkCheckpointOptions {
  /** The file in the checkpoint directory; Spark's own files there are {@code spark-checkpoint/} and {@code beam-checkpoint/}. */
  static final String FILE = "beamkit-options.properties";

  /** beamkit options that the launcher reads outside the job graph: a new value takes effect. */
  private static final String NOT_IN_GRAPH = "statusEvery";

  private static final String NOT_SET = "(not set)";

  private static final Pattern URI_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:");

  private SparkCheckpointOptions() {}

  /**
   * Refuses a Spark streaming run whose checkpoint directory was started with other graph options;
   * does nothing on other runners, and on a first start.
   *
   * @throws OptionError naming the first option whose value differs, with the old and new value
   */
  public static void verify(PipelineOptions options) {
    Path file = file(options);
    if (file == null || !Files.exists(file) || !holdsCheckpoint(file.getParent())) {
      return;
    }
    Map<String, String> recorded = read(file);
    Map<String, String> now = graphOptions(options);
    for (Map.Entry<String, String> option : now.entrySet()) {
      String old = recorded.getOrDefault(option.getKey(), NOT_SET);
      if (!old.equals(option.getValue())) {
        throw new OptionError(
            option.getKey(),
            option.getValue(),
            "the Spark checkpoint in " + file.getParent() + " was started with " + old
                + ", and Spark would resume its old job graph, ignoring the change;"
                + " give " + old + " again, or a new --checkpointDir to start afresh");
      }
    }
  }

  /**
   * Writes the graph options of a Spark streaming run that starts afresh, over the record of an
   * earlier start that ended before Spark wrote a checkpoint; a run that resumes keeps the record.
   */
  public static void record(PipelineOptions options) {
    Path file = file(options);
    if (file == null || holdsCheckpoint(file.getParent())) {
      return;
    }
    Properties properties = new Properties();
    properties.putAll(graphOptions(options));
    try {
      Files.createDirectories(file.getParent());
      try (Writer writer = Files.newBufferedWriter(file)) {
        properties.store(writer, "the options this Spark checkpoint's job graph was built with (beamkit)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static boolean appliesTo(PipelineOptions options) {
    RunnerKind runner = RunnerKind.of(options);
    boolean spark = runner == RunnerKind.SPARK_LOCAL || runner == RunnerKind.SPARK_CLUSTER;
    // Only streaming resumes from the checkpoint; a batch run starts afresh.
    return spark && options.as(SparkPipelineOptions.class).isStreaming();
  }

  /**
   * Whether Spark would resume from {@code checkpointDir}: Beam's runner keeps Spark's checkpoint
   * in {@code spark-checkpoint/}, where Spark writes a {@code checkpoint-<batch time>} file with
   * every batch and resumes from the newest.
   */
  private static boolean holdsCheckpoint(Path checkpointDir) {
    try (Stream<Path> files = Files.list(checkpointDir.resolve("spark-checkpoint"))) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("checkpoint-"));
    } catch (NoSuchFileException none) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + checkpointDir, e);
    }
  }

  /**
   * The record of a Spark streaming run, null for other runs and for a checkpoint directory that
   * is not on this machine's file system (HDFS, S3...: not checked).
   */
  private static @Nullable Path file(PipelineOptions options) {
    if (!appliesTo(options)) {
      return null;
    }
    String dir = options.as(SparkPipelineOptions.class).getCheckpointDir();
    if (dir.startsWith("file:")) {
      return Path.of(URI.create(dir)).resolve(FILE);
    }
    return URI_SCHEME.matcher(dir).lookingAt() ? null : Path.of(dir).resolve(FILE);
  }

  /**
   * Name → value of the options the checkpointed graph is built from: every beamkit option but
   * {@value #NOT_IN_GRAPH}, and the SparkRunner's that its checkpoint restores (the job and its
   * name, master, batch and state-checkpoint intervals).
   */
  static Map<String, String> graphOptions(PipelineOptions options) {
    Map<String, String> values = new TreeMap<>();
    BeamkitOptions beamkit = options.as(BeamkitOptions.class);
    Arrays.stream(BeamkitOptions.class.getDeclaredMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0)
        .filter(m -> m.getName().startsWith("get"))
        .forEach(getter -> values.put(optionName(getter), text(call(getter, beamkit))));
    values.remove(NOT_IN_GRAPH);
    SparkPipelineOptions spark = options.as(SparkPipelineOptions.class);
    values.put("jobName", text(spark.getJobName()));
    values.put("sparkMaster", text(spark.getSparkMaster()));
    values.put("batchIntervalMillis", text(spark.getBatchIntervalMillis()));
    values.put("checkpointDurationMillis", text(spark.getCheckpointDurationMillis()));
    return values;
  }

  private static String optionName(Method getter) {
    String name = getter.getName().substring("get".length());
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static Object call(Method getter, BeamkitOptions options) {
    try {
      return getter.invoke(options);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read option " + getter.getName(), e);
    }
  }

  private static String text(Object value) {
    return Objects.toString(value, NOT_SET);
  }

  private static Map<String, String> read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, String> values = new TreeMap<>();
    properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
    return values;
  }
}
