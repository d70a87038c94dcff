package dev.beamkit.benchmarks.beam;

import dev.beamkit.benchmarks.Workload;
import dev.beamkit.transforms.RawRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The workload as a streaming Beam source: finite, but read like Kafka — records in event-time
 * order, each stamped with its event time, and a watermark that follows the newest event time, so
 * windows close while reading goes on (as in the native Flink job's memory mode) instead of all
 * at the end. When the records run out the watermark jumps to the end of time, which ends the
 * streaming job on Flink.
 *
 * <p>Beam's {@code UnboundedSource} because only it reports watermarks; a {@code BoundedSource}
 * holds the watermark at the beginning of time until it is done, so a streaming runner would keep
 * every window open to the end. The generator is sequential, so there is one split.
 */
public final class GeneratedRecords extends UnboundedSource<RawRecord, GeneratedRecords.Position> {
  private static final long serialVersionUID = 1L;

  private final Workload workload;

  public GeneratedRecords(Workload workload) {
    this.workload = workload;
  }

  @Override
  public List<GeneratedRecords> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this);
  }

  @Override
  public UnboundedReader<RawRecord> createReader(PipelineOptions options, @Nullable Position checkpoint) {
    return new Reader(this, checkpoint == null ? 0 : checkpoint.records());
  }

  @Override
  public Coder<Position> getCheckpointMarkCoder() {
    return Position.Coder.INSTANCE;
  }

  @Override
  public Coder<RawRecord> getOutputCoder() {
    return RawRecord.Coder.of();
  }

  /**
   * How many records were handed out. Resuming replays the generator up to there; runners without
   * checkpoints (as in these benchmarks) never resume, Spark only when its reader cache expires.
   */
  public record Position(long records) implements UnboundedSource.CheckpointMark {
    @Override
    public void finalizeCheckpoint() {}

    /** The count as a var-long. */
    static final class Coder extends AtomicCoder<Position> {
      static final Coder INSTANCE = new Coder();

      @Override
      public void encode(Position p, OutputStream out) throws IOException {
        VarLongCoder.of().encode(p.records, out);
      }

      @Override
      public Position decode(InputStream in) throws IOException {
        return new Position(VarLongCoder.of().decode(in));
      }

      @Override
      public void verifyDeterministic() {}
    }
  }

  private static final class Reader extends UnboundedReader<RawRecord> {
    private final GeneratedRecords source;
    private final long startAt;
    private GeneratedCursor cursor;
    private Instant watermark = BoundedWindow.TIMESTAMP_MIN_VALUE;

    Reader(GeneratedRecords source, long startAt) {
      this.source = source;
      this.startAt = startAt;
    }

    @Override
    public boolean start() {
      cursor = new GeneratedCursor(source.workload, startAt);
      return advance();
    }

    @Override
    public boolean advance() {
      if (cursor.advance()) {
        watermark = cursor.currentTimestamp();
        return true;
      }
      watermark = BoundedWindow.TIMESTAMP_MAX_VALUE;
      return false;
    }

    @Override
    public RawRecord getCurrent() throws NoSuchElementException {
      return cursor.current();
    }

    @Override
    public Instant getCurrentTimestamp() throws NoSuchElementException {
      return cursor.currentTimestamp();
    }

    @Override
    public Instant getWatermark() {
      return watermark;
    }

    @Override
    public Position getCheckpointMark() {
      return new Position(cursor == null ? startAt : cursor.position());
    }

    @Override
    public GeneratedRecords getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }
}
