package dev.beamkit.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where an in-memory run writes its results: one JSON line per window result (sensor-downsample's
 * output format) appended to a temporary file, with a count and the time of the last write.
 *
 * <p>A file rather than a list on the heap, so the heap a run needs does not grow with the number
 * of results, which would hide whether the engine itself runs in flat memory (10M readings give
 * 2.5M results). The harness reads the file back after the measurement.
 *
 * <p>A sink carries only the token of its file and finds the file through a {@link TokenRegistry}.
 */
public final class ResultLines implements AutoCloseable {
  private static final TokenRegistry<ResultLines> OPEN = new TokenRegistry<>("results file");

  private final Path file;
  private final BufferedWriter writer;
  private final AtomicLong lines = new AtomicLong();
  private final AtomicLong lastWriteMillis = new AtomicLong();
  private final String token;

  private ResultLines(Path file) throws IOException {
    this.file = file;
    this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    this.token = OPEN.add(this);
  }

  /** A new empty results file, findable by {@link #token()} until closed. */
  public static ResultLines create() throws IOException {
    return new ResultLines(Files.createTempFile("bench-results-", ".jsonl"));
  }

  /** The results file with {@code token}; only while it is open. */
  public static ResultLines byToken(String token) {
    return OPEN.get(token);
  }

  /** What a sink carries to find this file. */
  public String token() {
    return token;
  }

  /** Appends one result's JSON (without line breaks). */
  public void write(String json) {
    synchronized (writer) {
      try {
        writer.write(json);
        writer.write('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    lines.incrementAndGet();
    lastWriteMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
  }

  /** Results written so far. */
  public long count() {
    return lines.get();
  }

  /** Wall-clock time of the latest write, 0 before the first. */
  public long lastWriteMillis() {
    return lastWriteMillis.get();
  }

  /** Stops accepting results and hands the file to the harness. */
  public Outcome finish() throws IOException {
    close();
    return Outcome.inFile(lastWriteMillis(), file);
  }

  /** Flushes and closes the file (it stays on disk); sinks can no longer find it. */
  @Override
  public void close() throws IOException {
    OPEN.remove(token);
    synchronized (writer) {
      writer.close();
    }
  }
}
