package dev.beamkit.benchmarks.harness;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM's heap while a run is going: the peak is the larger of what a sampler sees
 * every few milliseconds and what the heap held just before each collection (from GC
 * notifications, which catch the tops a sampler misses). Also reads the process's resident-set
 * high-water mark, which on Linux covers everything the JVM mapped, not only the heap.
 */
public final class ResourceMonitor implements AutoCloseable {
  private static final long SAMPLE_EVERY_MILLIS = 10;

  private final AtomicLong peakHeap = new AtomicLong();
  private final AtomicLong peakHeapAfterGc = new AtomicLong();
  private final Set<String> heapPools;
  private final List<NotificationEmitter> emitters = new ArrayList<>();
  private final NotificationListener onGc = this::onGc;
  private final Thread sampler;
  private final long gcCountAtStart;
  private final long gcMillisAtStart;
  private final long cpuNanosAtStart;
  private volatile boolean running = true;

  private ResourceMonitor() {
    heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    gcCountAtStart = gcCount();
    gcMillisAtStart = gcMillis();
    cpuNanosAtStart = cpuNanos();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(onGc, null, null);
        emitters.add(emitter);
      }
    }
    sampler = new Thread(this::sample, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts watching. */
  public static ResourceMonitor start() {
    return new ResourceMonitor();
  }

  /** Largest heap use seen since {@link #start()}, in bytes. */
  public long peakHeapBytes() {
    return peakHeap.get();
  }

  /**
   * Largest heap use right after a collection since {@link #start()}, in bytes: closer to what
   * the run really keeps alive than {@link #peakHeapBytes()}, which includes garbage not yet
   * collected (and so grows with the heap the JVM may use). 0 if nothing was collected.
   */
  public long peakHeapAfterGcBytes() {
    return peakHeapAfterGc.get();
  }

  /** Collections since {@link #start()}. */
  public long gcCountSinceStart() {
    return gcCount() - gcCountAtStart;
  }

  /** Milliseconds spent collecting since {@link #start()} (summed over collectors). */
  public long gcMillisSinceStart() {
    return gcMillis() - gcMillisAtStart;
  }

  /** CPU time of the whole process since {@link #start()}, in milliseconds; -1 if unknown. */
  public long cpuMillisSinceStart() {
    long now = cpuNanos();
    return now < 0 || cpuNanosAtStart < 0 ? -1 : (now - cpuNanosAtStart) / 1_000_000;
  }

  /**
   * The process's peak resident set size ({@code VmHWM} of {@code /proc/self/status}) in bytes,
   * or -1 where there is no such file. It is a high-water mark over the whole life of the process.
   */
  public static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException notLinux) {
      // Fall through: no figure rather than a wrong one.
    }
    return -1;
  }

  /** Stops watching, after one last sample. */
  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(onGc);
      } catch (ListenerNotFoundException alreadyGone) {
        // Nothing to undo.
      }
    }
    record(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
  }

  private void sample() {
    while (running) {
      record(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      try {
        Thread.sleep(SAMPLE_EVERY_MILLIS);
      } catch (InterruptedException stop) {
        return;
      }
    }
  }

  private void onGc(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GcInfo gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
    record(heapUsed(gc.getMemoryUsageBeforeGc()));
    peakHeapAfterGc.accumulateAndGet(heapUsed(gc.getMemoryUsageAfterGc()), Math::max);
  }

  private long heapUsed(Map<String, MemoryUsage> pools) {
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
      if (heapPools.contains(pool.getKey())) {
        used += pool.getValue().getUsed();
      }
    }
    return used;
  }

  private void record(long usedBytes) {
    peakHeap.accumulateAndGet(usedBytes, Math::max);
  }

  private static long cpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .filter(c -> c > 0)
        .sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .filter(t -> t > 0)
        .sum();
  }
}
