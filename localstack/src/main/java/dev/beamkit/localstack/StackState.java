package dev.beamkit.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code localstack start} left running, kept in {@code state.properties} in the state
 * directory so that later {@code status} and {@code stop} commands (other JVMs) can find it. Every
 * server, whatever its kind, is recorded the same way: its processes, the port that answers while
 * it runs, the addresses to print and the data that {@code stop} deletes.
 */
final class StackState {

  private static final String FILE = "state.properties";

  /**
   * One recorded process. The start time tells it apart from an unrelated process that reuses the
   * pid later.
   */
  record RecordedProcess(long pid, Instant started) {

    /** Records the running process {@code pid}. */
    static RecordedProcess of(long pid) {
      ProcessHandle process =
          ProcessHandle.of(pid)
              .orElseThrow(() -> new IllegalStateException("pid " + pid + " is gone"));
      return new RecordedProcess(pid, process.info().startInstant().orElse(Instant.EPOCH));
    }

    /** The process, if it is still the one that was recorded and it runs. */
    Optional<ProcessHandle> live() {
      return ProcessHandle.of(pid)
          .filter(Processes::isRunning)
          .filter(p -> p.info().startInstant().map(started::equals).orElse(true));
    }
  }

  /**
   * One recorded server.
   *
   * @param name its kind, e.g. "kafka"
   * @param processes its processes in launch order (stop goes the other way: a Spark Worker and
   *     its executors before the Master)
   * @param port the loopback port that accepts connections while it runs
   * @param endpoints name to address, for people (e.g. "bootstrap" to "127.0.0.1:9092")
   * @param data what {@code stop} deletes once the processes are gone (logs live elsewhere)
   */
  record Server(
      String name,
      List<RecordedProcess> processes,
      int port,
      Map<String, String> endpoints,
      Path data) {

    Server {
      processes = List.copyOf(processes);
      endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
    }

    /** Whether every recorded process still runs. */
    boolean running() {
      return processes.stream().allMatch(p -> p.live().isPresent());
    }
  }

  private final Path dir;
  private final List<Server> servers;

  private StackState(Path dir, List<Server> servers) {
    this.dir = dir;
    this.servers = List.copyOf(servers);
  }

  /** The state recorded in {@code dir}; empty if nothing is. */
  static StackState read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return new StackState(dir, List.of());
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    List<Server> servers = new ArrayList<>();
    for (String name : list(p, "servers")) {
      List<RecordedProcess> processes = new ArrayList<>();
      for (String pid : list(p, name + ".pids")) {
        processes.add(
            new RecordedProcess(
                Long.parseLong(pid), Instant.parse(p.getProperty(name + ".started." + pid))));
      }
      Map<String, String> endpoints = new LinkedHashMap<>();
      for (String endpoint : list(p, name + ".endpoints")) {
        endpoints.put(endpoint, p.getProperty(name + ".endpoint." + endpoint));
      }
      servers.add(
          new Server(
              name,
              processes,
              Integer.parseInt(p.getProperty(name + ".port")),
              endpoints,
              Path.of(p.getProperty(name + ".data"))));
    }
    return new StackState(dir, servers);
  }

  /** The recorded servers, in the order they were recorded. */
  List<Server> servers() {
    return servers;
  }

  /** The recorded server {@code name}, if there is one. */
  Optional<Server> server(String name) {
    return servers.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** This state plus {@code server} (replacing one of the same name), written before it returns. */
  StackState with(Server server) {
    List<Server> next = new ArrayList<>(without(server.name()).servers);
    next.add(server);
    return write(next);
  }

  /** This state less the server {@code name}, written before it returns. */
  StackState remove(String name) {
    return write(without(name).servers);
  }

  private StackState without(String name) {
    List<Server> rest = new ArrayList<>(servers);
    rest.removeIf(s -> s.name().equals(name));
    return new StackState(dir, rest);
  }

  /** Writes {@code next} atomically, or deletes the file when nothing is left to record. */
  private StackState write(List<Server> next) {
    Path file = dir.resolve(FILE);
    try {
      if (next.isEmpty()) {
        Files.deleteIfExists(file);
        return new StackState(dir, next);
      }
      Properties p = new Properties();
      List<String> names = new ArrayList<>();
      for (Server s : next) {
        names.add(s.name());
        List<String> pids = new ArrayList<>();
        for (RecordedProcess process : s.processes()) {
          pids.add(String.valueOf(process.pid()));
          p.setProperty(s.name() + ".started." + process.pid(), process.started().toString());
        }
        p.setProperty(s.name() + ".pids", String.join(",", pids));
        p.setProperty(s.name() + ".port", String.valueOf(s.port()));
        p.setProperty(s.name() + ".endpoints", String.join(",", s.endpoints().keySet()));
        s.endpoints().forEach((key, value) -> p.setProperty(s.name() + ".endpoint." + key, value));
        p.setProperty(s.name() + ".data", s.data().toString());
      }
      p.setProperty("servers", String.join(",", names));
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, FILE, ".part");
      try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        p.store(out, "written by beamkit localstack start and stop; read by status and stop");
      }
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return new StackState(dir, next);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static List<String> list(Properties p, String key) {
    List<String> values = new ArrayList<>();
    for (String value : p.getProperty(key, "").split(",")) {
      if (!value.isBlank()) {
        values.add(value.trim());
      }
    }
    return values;
  }
}
