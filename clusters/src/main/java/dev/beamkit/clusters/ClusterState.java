package dev.beamkit.clusters;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the CLI remembers about a cluster it started, in {@code <state dir>/<kind>.properties}: the
 * JVMs (pid and main class, so {@code stop} never signals a process that merely reuses a pid), the
 * work directory, the URL that answers while the cluster is healthy, and endpoints to print.
 *
 * @param kind "flink" or "spark"
 * @param processes pid to main class, in the order to stop them
 * @param workDirectory where the cluster's logs and scratch data are
 * @param statusUrl a GET that answers 200 while the cluster runs
 * @param endpoints name to address, for people (e.g. "rest" to "127.0.0.1:8081")
 */
record ClusterState(
    String kind,
    Map<Long, String> processes,
    Path workDirectory,
    URI statusUrl,
    Map<String, String> endpoints) {

  private static final String PROCESS = "process.";
  private static final String ENDPOINT = "endpoint.";

  /** The file this state lives in under {@code stateDir}. */
  static Path file(Path stateDir, String kind) {
    return stateDir.resolve(kind + ".properties");
  }

  /** Reads the state of {@code kind}, empty if the CLI has not started it (or stopped it). */
  static Optional<ClusterState> read(Path stateDir, String kind) {
    Path file = file(stateDir, kind);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Long, String> processes = new LinkedHashMap<>();
    for (String pid : props.getProperty("processes", "").split(",")) {
      if (!pid.isBlank()) {
        processes.put(Long.parseLong(pid.trim()), props.getProperty(PROCESS + pid.trim()));
      }
    }
    Map<String, String> endpoints = new LinkedHashMap<>();
    for (String name : props.getProperty("endpoints", "").split(",")) {
      if (!name.isBlank()) {
        endpoints.put(name.trim(), props.getProperty(ENDPOINT + name.trim()));
      }
    }
    return Optional.of(
        new ClusterState(
            kind,
            processes,
            Path.of(props.getProperty("workDirectory")),
            URI.create(props.getProperty("statusUrl")),
            endpoints));
  }

  /** Writes this state under {@code stateDir}, replacing an older one. */
  void write(Path stateDir) {
    Properties props = new Properties();
    List<String> pids = new ArrayList<>();
    processes.forEach(
        (pid, mainClass) -> {
          pids.add(Long.toString(pid));
          props.setProperty(PROCESS + pid, mainClass);
        });
    props.setProperty("processes", String.join(",", pids));
    endpoints.forEach((name, address) -> props.setProperty(ENDPOINT + name, address));
    props.setProperty("endpoints", String.join(",", endpoints.keySet()));
    props.setProperty("workDirectory", workDirectory.toString());
    props.setProperty("statusUrl", statusUrl.toString());
    try {
      Files.createDirectories(stateDir);
      try (Writer out = Files.newBufferedWriter(file(stateDir, kind), StandardCharsets.UTF_8)) {
        props.store(out, "beamkit " + kind + " cluster started by ClustersCli");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgets this state. */
  void delete(Path stateDir) {
    try {
      Files.deleteIfExists(file(stateDir, kind));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The recorded JVMs that are still running the recorded main class; a pid now used by some other
   * program does not count.
   */
  List<ProcessHandle> liveProcesses() {
    List<ProcessHandle> live = new ArrayList<>();
    processes.forEach(
        (pid, mainClass) ->
            ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> JvmLauncher.runs(p, mainClass))
                .ifPresent(live::add));
    return live;
  }
}
