package dev.beamkit.benchmarks.beam;

import dev.beamkit.benchmarks.Workload;
import dev.beamkit.transforms.RawRecord;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.joda.time.Instant;

/**
 * The workload as a batch Beam source, for the DirectRunner: its streaming reads hand out ten
 * elements per bundle, far too slow for a million, while a bounded read is one bundle per split.
 * Records are stamped with their event time; the generator is sequential, so there is one split.
 */
public final class GeneratedBoundedRecords extends BoundedSource<RawRecord> {
  private static final long serialVersionUID = 1L;

  /** About the size of one record with its coordinates, for the runner's size estimate. */
  private static final long BYTES_PER_RECORD = 80;

  private final Workload workload;

  public GeneratedBoundedRecords(Workload workload) {
    this.workload = workload;
  }

  @Override
  public List<GeneratedBoundedRecords> split(long desiredBundleSizeBytes, PipelineOptions options) {
    return List.of(this);
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    return workload.events() * BYTES_PER_RECORD;
  }

  @Override
  public BoundedReader<RawRecord> createReader(PipelineOptions options) {
    return new Reader(this);
  }

  @Override
  public Coder<RawRecord> getOutputCoder() {
    return RawRecord.Coder.of();
  }

  private static final class Reader extends BoundedReader<RawRecord> {
    private final GeneratedBoundedRecords source;
    private GeneratedCursor cursor;

    Reader(GeneratedBoundedRecords source) {
      this.source = source;
    }

    @Override
    public boolean start() {
      cursor = new GeneratedCursor(source.workload, 0);
      return cursor.advance();
    }

    @Override
    public boolean advance() {
      return cursor.advance();
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
    public BoundedSource<RawRecord> getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }
}
