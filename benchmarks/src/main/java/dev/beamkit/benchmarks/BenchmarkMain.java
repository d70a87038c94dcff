package dev.beamkit.benchmarks;

import dev.beamkit.benchmarks.harness.BenchmarkKafka;
import dev.beamkit.benchmarks.harness.ChildJvm;
import dev.beamkit.benchmarks.harness.Measurement;
import dev.beamkit.benchmarks.harness.Preloader;
import dev.beamkit.benchmarks.harness.Report;
import dev.beamkit.benchmarks.harness.ReportRow;
import dev.beamkit.benchmarks.harness.SingleRun;
import dev.beamkit.benchmarks.soak.SoakArguments;
import dev.beamkit.benchmarks.soak.SoakPlan;
import dev.beamkit.benchmarks.soak.SoakRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs sensor-downsample's implementations on the same synthetic input and reports, per
 * implementation and mode, wall time, events per second, peak heap and peak RSS, after checking
 * each answer against a reference computed without any engine.
 *
 * <p>Kafka mode starts the project's local broker (unless {@code --bootstrap-servers} names one),
 * preloads the input topic once, and gives every run its own output topic. Each run gets its own
 * JVM unless {@code --in-process}.
 */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = "sensor-downsample on beamkit against native Flink, Kafka Streams, Spark and the read limit.")
public final class BenchmarkMain implements Callable<Integer> {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  /** The implementation Flink {@code [local]} ships with. */
  static final String DEFAULT_SOAK_IMPL = "beamkit-flink-stateful";
  static final long DEFAULT_SOAK_RATE = 20_000;
  /** Enough keys that state is spread over many cells, as with a real fleet. */
  static final long DEFAULT_SOAK_SENSORS = 1_000;

  /** Which modes to run. */
  enum Modes {
    kafka(Mode.KAFKA),
    memory(Mode.MEMORY),
    both(Mode.MEMORY, Mode.KAFKA);

    final List<Mode> modes;

    Modes(Mode... modes) {
      this.modes = List.of(modes);
    }
  }

  @Option(names = "--events", description = "Input readings (default: ${DEFAULT-VALUE}).")
  long events = 1_000_000;

  @Option(names = "--mode", description = "kafka, memory or both (default: ${DEFAULT-VALUE}).")
  Modes mode = Modes.both;

  @Option(
      names = "--impl",
      split = ",",
      description = "Implementations to run (default: all of ${COMPLETION-CANDIDATES}).",
      completionCandidates = ImplementationNames.class)
  List<String> impls = new ArrayList<>();

  @Option(names = "--seed", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed = Workload.DEFAULT_SEED;

  @Option(names = "--parallelism", description = "Parallelism of every engine (default: ${DEFAULT-VALUE}).")
  int parallelism = 2;

  @Option(names = "--partitions", description = "Partitions of the input topic (default: ${DEFAULT-VALUE}).")
  int partitions = 2;

  @Option(names = "--results-dir", description = "Where each benchmark gets its folder (default: ${DEFAULT-VALUE}).")
  Path resultsDir = Path.of("benchmarks", "results");

  @Option(
      names = "--jvm-args",
      description = "Arguments of every child JVM, space-separated (default: ${DEFAULT-VALUE}).")
  String jvmArgs = "-Xmx2g";

  @Option(names = "--in-process", description = "Run everything in this JVM (heap and RSS figures then mix).")
  boolean inProcess;

  @Option(names = "--bootstrap-servers", description = "Use this broker instead of starting a local one.")
  String bootstrapServers;

  @Option(names = "--timeout-minutes", description = "Longest one run may take (default: ${DEFAULT-VALUE}).")
  long timeoutMinutes = 30;

  @Option(
      names = "--soak",
      paramLabel = "LENGTH",
      converter = SoakArguments.Length.class,
      description =
          "Instead of the benchmark, a soak this long (30m, 90s, 1h): one implementation (default: "
              + DEFAULT_SOAK_IMPL + ") on readings generated at --rate, heap after a full GC every minute, its slope at the end.")
  Duration soak;

  @Option(
      names = "--rate",
      converter = SoakArguments.Positive.class,
      description = "Readings per second of a soak (default: " + DEFAULT_SOAK_RATE + ").")
  Long rate;

  @Option(
      names = "--sensors",
      converter = SoakArguments.Positive.class,
      description = "Sensors of a soak, taking turns (default: " + DEFAULT_SOAK_SENSORS + ").")
  Long sensors;

  /** Completion candidates for --impl. */
  static final class ImplementationNames extends ArrayList<String> {
    ImplementationNames() {
      super(Arrays.asList(Implementations.names().split(",")));
    }
  }

  @Override
  public Integer call() throws Exception {
    if (soak != null) {
      return soak();
    }
    if (rate != null || sensors != null) {
      System.err.println("benchmark: --rate and --sensors belong to --soak");
      return 2;
    }
    List<Implementation> selected =
        impls.isEmpty() ? Implementations.all() : impls.stream().map(Implementations::byName).toList();
    if (selected.stream().noneMatch(i -> mode.modes.stream().anyMatch(i.modes()::contains))) {
      System.err.printf("benchmark: %s: no %s mode (see benchmarks/README.md)%n", String.join(",", impls), mode);
      return 2;
    }
    Workload workload = new Workload(events, seed, Workload.DEFAULT_START);
    String stamp = LocalDateTime.now().format(STAMP);
    Path dir = Files.createDirectories(resultsDir.resolve(stamp).resolve("logs")).getParent();

    long t0 = System.currentTimeMillis();
    Reference reference = Reference.compute(workload);
    say("reference: %d windows from %d readings in %d ms", reference.windows().items(), events, System.currentTimeMillis() - t0);

    Map<String, Object> settings = settings(stamp);
    Map<String, String> loadBeforeRun = new LinkedHashMap<>();
    settings.put("loadAverageBeforeRun", loadBeforeRun);
    List<ReportRow> rows = new ArrayList<>();
    boolean needsKafka =
        mode.modes.contains(Mode.KAFKA) && selected.stream().anyMatch(i -> i.modes().contains(Mode.KAFKA));
    try (BenchmarkKafka kafka =
        needsKafka ? BenchmarkKafka.open(bootstrapServers, "raw-temp-data-" + stamp, partitions, workload) : null) {
      if (kafka != null) {
        Preloader.Throughput preload = kafka.preload();
        settings.put("preload", preload);
        say("preloaded %s: %d records in %d ms (%.0f/s)", kafka.inputTopic(), preload.records(), preload.millis(), preload.recordsPerSecond());
      }
      for (Mode m : mode.modes) {
        for (Implementation impl : selected) {
          if (impl.modes().contains(m)) {
            String runId = stamp + "-" + impl.name() + "-" + m.label();
            RunContext context =
                new RunContext(
                    runId,
                    workload,
                    m,
                    parallelism,
                    m == Mode.KAFKA ? kafka.topicsFor(runId) : null,
                    reference.windows().items(),
                    Duration.ofMinutes(timeoutMinutes));
            loadBeforeRun.put(runId, loadAverage());
            rows.add(run(impl, context, impl.expected(reference), dir));
            Report.write(dir, settings, rows);
          } else if (!impls.isEmpty()) {
            say("%s has no %s mode; skipped (see benchmarks/README.md)", impl.name(), m.label());
          }
        }
      }
    }
    Report.write(dir, settings, rows);
    System.out.println();
    Report.print(System.out, rows);
    say("results in %s", dir.toAbsolutePath());
    return rows.stream().allMatch(ReportRow::ok) ? 0 : 1;
  }

  /** A soak instead of the benchmark: one implementation, its own JVM unless --in-process. */
  private int soak() throws Exception {
    if (impls.size() > 1) {
      System.err.println("benchmark: --soak runs one implementation, not " + String.join(",", impls));
      return 2;
    }
    String impl = impls.isEmpty() ? DEFAULT_SOAK_IMPL : impls.get(0);
    try {
      SoakRun.soakable(impl);
    } catch (IllegalArgumentException notSoakable) {
      System.err.println("benchmark: " + notSoakable.getMessage());
      return 2;
    }
    String stamp = LocalDateTime.now().format(STAMP);
    Path dir = Files.createDirectories(resultsDir.resolve(stamp).resolve("logs")).getParent();
    SoakPlan plan =
        new SoakPlan(
            impl,
            rate == null ? DEFAULT_SOAK_RATE : rate,
            soak.toSeconds(),
            sensors == null ? DEFAULT_SOAK_SENSORS : sensors,
            parallelism,
            stamp + "-" + impl + "-soak");
    Path report = dir.resolve("soak.json");
    say("soak: %s for %s at %,d readings/s (%s); load average %s", impl, plan.lengthText(), plan.perSecond(), inProcess ? "this JVM" : jvmArgs, loadAverage());
    List<String> args = new ArrayList<>(plan.args());
    args.addAll(List.of("--report", report.toString()));
    int exit =
        inProcess
            ? (SoakRun.run(plan, System.out, report).ok() ? 0 : 1)
            : new ChildJvm(jvmArgList()).runShowingOutput(impl + "-soak", SoakRun.class, args, dir.resolve("logs").resolve(impl + "-soak.log"), plan.deadline());
    say("soak: %s; load average at the end %s; results in %s", exit == 0 ? "ok" : "NOT ok (exit " + exit + ")", loadAverage(), dir.toAbsolutePath());
    return exit;
  }

  private ReportRow run(Implementation impl, RunContext context, Answer expected, Path dir) {
    String label = impl.name() + "-" + context.mode().label();
    say("running %s", label);
    try {
      Measurement m =
          inProcess
              ? SingleRun.measure(impl, context)
              : new ChildJvm(jvmArgList())
                  .run(impl.name(), context, dir.resolve("logs").resolve(label + ".log"), dir.resolve("logs").resolve(label + ".json"));
      ReportRow row = ReportRow.judged(m, expected);
      say("%s: %s in %d ms %s", label, row.status(), m.wallMillis(), row.detail());
      return row;
    } catch (Exception e) {
      say("%s failed: %s", label, e);
      return ReportRow.failed(impl.name(), context.mode().label(), expected, e);
    }
  }

  private List<String> jvmArgList() {
    return Arrays.stream(jvmArgs.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  private Map<String, Object> settings(String stamp) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("stamp", stamp);
    s.put("events", events);
    s.put("seed", seed);
    s.put("start", Workload.DEFAULT_START.toString());
    s.put("parallelism", parallelism);
    s.put("partitions", partitions);
    s.put("inProcess", inProcess);
    s.put("jvmArgs", inProcess ? "(this JVM)" : jvmArgs);
    s.put("cores", Runtime.getRuntime().availableProcessors());
    s.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    s.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    s.put("loadAverageAtStart", loadAverage());
    return s;
  }

  /** The 1, 5 and 15 minute load averages: other work on the machine skews every figure. */
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (java.io.IOException | RuntimeException notLinux) {
      return "unknown";
    }
  }

  private static void say(String format, Object... args) {
    System.out.printf("[benchmark] " + format + "%n", args);
  }

  /**
   * The command line as {@code bin/benchmark} runs it: a bad option value is one line naming the
   * option (exit 2), not the message followed by the whole usage.
   */
  static CommandLine commandLine() {
    return new CommandLine(new BenchmarkMain())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(
            (e, args) -> {
              e.getCommandLine().getErr().println("benchmark: " + e.getMessage() + " (see --help)");
              return 2;
            });
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
