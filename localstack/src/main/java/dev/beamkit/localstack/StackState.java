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
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code localstack start} left running, kept in {@code state.properties} in the state
 * directory so that later {@code status} and {@code stop} commands (other JVMs) can find it.
 */
final class StackState {

  private static final String FILE = "state.properties";

  /** One recorded server process. */
  record Server(String name, long pid, Instant started, int port, String address) {

    /** The process, if it is still the one that was recorded (pids get reused) and alive. */
    Optional<ProcessHandle> live() {
      return ProcessHandle.of(pid)
          .filter(Processes::isRunning)
          .filter(p -> p.info().startInstant().map(started::equals).orElse(true));
    }

    /** Records {@code process}, which listens on {@code port} at {@code address}. */
    static Server of(String name, long pid, int port, String address) {
      ProcessHandle process =
          ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(name + " is gone"));
      return new Server(
          name, pid, process.info().startInstant().orElse(Instant.EPOCH), port, address);
    }
  }

  private final Path dir;
  private final List<Server> servers;

  private StackState(Path dir, List<Server> servers) {
    this.dir = dir;
    this.servers = List.copyOf(servers);
  }

  /** An empty state for {@code dir}. */
  static StackState empty(Path dir) {
    return new StackState(dir, List.of());
  }

  /** The state recorded in {@code dir}, if there is one. */
  static Optional<StackState> read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    List<Server> servers = new ArrayList<>();
    for (String name : p.getProperty("servers", "").split(",")) {
      if (!name.isBlank()) {
        servers.add(
            new Server(
                name,
                Long.parseLong(p.getProperty(name + ".pid")),
                Instant.parse(p.getProperty(name + ".started")),
                Integer.parseInt(p.getProperty(name + ".port")),
                p.getProperty(name + ".address")));
      }
    }
    return Optional.of(new StackState(dir, servers));
  }

  /** This state plus {@code server}, written to disk before it is returned. */
  StackState with(Server server) {
    List<Server> more = new ArrayList<>(servers);
    more.add(server);
    StackState next = new StackState(dir, more);
    next.write();
    return next;
  }

  /** The recorded servers, in the order they were started. */
  List<Server> servers() {
    return servers;
  }

  private void write() {
    Properties p = new Properties();
    List<String> names = new ArrayList<>();
    for (Server s : servers) {
      names.add(s.name());
      p.setProperty(s.name() + ".pid", String.valueOf(s.pid()));
      p.setProperty(s.name() + ".started", s.started().toString());
      p.setProperty(s.name() + ".port", String.valueOf(s.port()));
      p.setProperty(s.name() + ".address", s.address());
    }
    p.setProperty("servers", String.join(",", names));
    Path file = dir.resolve(FILE);
    try {
      Path partial = Files.createTempFile(dir, FILE, ".part");
      try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        p.store(out, "written by beamkit localstack start; read by status and stop");
      }
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
