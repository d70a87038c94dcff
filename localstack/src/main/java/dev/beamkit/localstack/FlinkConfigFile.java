package dev.beamkit.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code flink-conf.yaml} that the JobManager and every TaskManager of a {@link FlinkCluster}
 * read from their {@code --configDir}: everything on 127.0.0.1, the JobManager's ports, Flink's
 * scratch folders in the cluster's work directory, and the TaskManager memory that a Flink
 * distribution's start scripts would otherwise compute. Settings that differ per TaskManager
 * (its ports) go on its command line as {@code -Dkey=value} instead.
 */
final class FlinkConfigFile {

  /**
   * Heap Flink reserves in a TaskManager for itself; the rest of the JVM heap is task heap.
   * Flink's default.
   */
  static final long FRAMEWORK_HEAP_MIB = 128;

  private static final Pattern JVM_SIZE = Pattern.compile("(\\d+)([kmg])");

  private final Map<String, String> entries = new LinkedHashMap<>();

  private FlinkConfigFile() {}

  /**
   * The settings of a cluster whose JobManager listens on {@code restPort}, {@code rpcPort} and
   * {@code blobPort}, whose TaskManagers each have {@code slots} slots and {@code taskManagerHeap}
   * of heap ({@code -Xmx} form), and whose scratch data goes to {@code tmpDir}.
   */
  static FlinkConfigFile of(
      int restPort, int rpcPort, int blobPort, int slots, String taskManagerHeap, Path tmpDir) {
    FlinkConfigFile conf = new FlinkConfigFile();
    conf.put("jobmanager.rpc.address", "127.0.0.1");
    conf.put("jobmanager.bind-host", "127.0.0.1");
    conf.put("jobmanager.rpc.port", rpcPort);
    conf.put("rest.address", "127.0.0.1");
    conf.put("rest.bind-address", "127.0.0.1");
    conf.put("rest.port", restPort);
    conf.put("blob.server.port", blobPort);
    conf.put("taskmanager.host", "127.0.0.1");
    conf.put("taskmanager.bind-host", "127.0.0.1");
    conf.put("taskmanager.numberOfTaskSlots", slots);
    conf.put("io.tmp.dirs", tmpDir);
    conf.put("web.tmpdir", tmpDir);
    conf.putTaskManagerMemory(heapMiB(taskManagerHeap));
    return conf;
  }

  /**
   * TaskManagerRunner does not derive its memory from a total as the start scripts do: it needs
   * every component set, or it refuses to start. The heap is framework heap plus task heap; the
   * rest is what Flink sets aside off-heap, kept small for a laptop.
   */
  private void putTaskManagerMemory(long heapMiB) {
    if (heapMiB <= FRAMEWORK_HEAP_MIB) {
      throw new IllegalArgumentException(
          "TaskManager heap must exceed Flink's " + FRAMEWORK_HEAP_MIB + " MiB, was " + heapMiB);
    }
    put("taskmanager.cpu.cores", 2);
    put("taskmanager.memory.framework.heap.size", FRAMEWORK_HEAP_MIB + "m");
    put("taskmanager.memory.task.heap.size", (heapMiB - FRAMEWORK_HEAP_MIB) + "m");
    put("taskmanager.memory.framework.off-heap.size", "128m");
    put("taskmanager.memory.task.off-heap.size", "0m");
    // Beam's Flink jobs keep state on the heap (filesystem backend): little managed memory.
    put("taskmanager.memory.managed.size", "64m");
    put("taskmanager.memory.network.min", "64m");
    put("taskmanager.memory.network.max", "64m");
    put("taskmanager.memory.jvm-metaspace.size", "256m");
    put("taskmanager.memory.jvm-overhead.min", "192m");
    put("taskmanager.memory.jvm-overhead.max", "192m");
  }

  /** Writes {@code flink-conf.yaml} into {@code dir} and returns {@code dir}. */
  Path writeTo(Path dir) {
    StringBuilder yaml = new StringBuilder("# Written by beamkit-localstack's FlinkCluster.\n");
    entries.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
    try {
      Files.writeString(dir.resolve("flink-conf.yaml"), yaml);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Flink configuration in " + dir, e);
    }
  }

  /** Mebibytes of a JVM size such as "768m" or "1g". */
  static long heapMiB(String jvmSize) {
    Matcher m = JVM_SIZE.matcher(jvmSize.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a heap size like 768m or 1g: " + jvmSize);
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "k":
        return amount / 1024;
      case "m":
        return amount;
      default:
        return amount * 1024;
    }
  }

  private void put(String key, Object value) {
    entries.put(key, value.toString());
  }
}
