package dev.beamkit.conformance;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The jars a cluster is given with a job ({@code --filesToStage}): those of the job's classpath,
 * which the build writes to {@code target/cluster-job.classpath} (the pipelines, Beam, both
 * runners, KafkaIO and their libraries), less those the cluster's own JVMs already have. The
 * cluster JVMs run on the jars that beamkit-localstack lists in its {@code <kind>.classpath}
 * resource.
 *
 * <p>On Flink the cluster has Flink alone, and everything staged (Beam and the FlinkRunner among
 * it) is loaded by the job's user-code classloader, child-first. Flink's own jars are left out:
 * its classes always come from the cluster (Flink loads {@code org.apache.flink.*} parent-first),
 * so staged copies would only be uploaded for nothing, and a staged copy of a library the cluster
 * shares with Flink (kryo, commons-*) would shadow the cluster's in the job.
 */
final class ClusterJobJars {
  private static final Path JOB_CLASSPATH = Path.of("target/cluster-job.classpath");

  private ClusterJobJars() {}

  /** The jars to stage on a cluster whose JVMs run on localstack's {@code kind} classpath. */
  static String filesToStage(String kind) {
    Set<String> onCluster = new HashSet<>();
    for (String jar : entries(clusterClasspath(kind))) {
      onCluster.add(Path.of(jar).getFileName().toString());
    }
    List<String> staged = new ArrayList<>();
    for (String jar : entries(read(JOB_CLASSPATH))) {
      if (!onCluster.contains(Path.of(jar).getFileName().toString())) {
        staged.add(jar);
      }
    }
    return String.join(",", staged);
  }

  private static List<String> entries(String classpath) {
    List<String> entries = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry.trim());
      }
    }
    return entries;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + " is missing: the Maven build writes it", e);
    }
  }

  private static String clusterClasspath(String kind) {
    String resource = "/dev/beamkit/localstack/" + kind + ".classpath";
    try (InputStream in = ClusterJobJars.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from beamkit-localstack");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
