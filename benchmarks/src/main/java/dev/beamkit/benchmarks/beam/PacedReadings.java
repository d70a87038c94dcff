package dev.beamkit.benchmarks.beam;

import dev.beamkit.benchmarks.soak.SoakTally;
import dev.beamkit.transforms.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Live sensor readings at a fixed rate for a fixed time, for the soak: paced by the wall clock
 * (by any moment {@code t} after the start, {@code t × rate} readings are due; what is due goes
 * out, then the reader reports no data until more is), each stamped with the wall-clock time it
 * went out as its event time, in {@code ts} as the seed producers write it. The sensors take turns
 * ({@code Sensor1}…{@code SensorN}), values 0–100. The watermark follows the newest reading; when
 * the time is up it jumps to the end of time, which closes every window and ends the job on
 * Flink.
 *
 * <p>If the job cannot take the readings as fast (backpressure), the reader falls behind what is
 * due and the achieved rate the {@link SoakTally} shows drops below the target: that is the soak
 * failing to hold its rate, not the generator. One split: a single thread formats 20,000
 * readings/s with room to spare.
 */
public final class PacedReadings extends UnboundedSource<RawRecord, GeneratedRecords.Position> {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private final long perSecond;
  private final long forMillis;
  private final int sensors;
  private final String tallyToken;

  /** {@code perSecond} readings a second from {@code sensors} sensors for {@code forMillis}, counted in {@code tally}. */
  public PacedReadings(long perSecond, long forMillis, int sensors, SoakTally tally) {
    this.perSecond = perSecond;
    this.forMillis = forMillis;
    this.sensors = sensors;
    this.tallyToken = tally.token();
  }

  @Override
  public List<PacedReadings> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this);
  }

  /** A resumed reader (never, without a task failure) carries on counting, paced from its own start. */
  @Override
  public UnboundedReader<RawRecord> createReader(PipelineOptions options, GeneratedRecords.@Nullable Position checkpoint) {
    return new Reader(this, checkpoint == null ? 0 : checkpoint.records());
  }

  @Override
  public Coder<GeneratedRecords.Position> getCheckpointMarkCoder() {
    return GeneratedRecords.Position.Coder.INSTANCE;
  }

  @Override
  public Coder<RawRecord> getOutputCoder() {
    return RawRecord.Coder.of();
  }

  private static final class Reader extends UnboundedReader<RawRecord> {
    private final PacedReadings source;
    private final long firstPosition;
    private final SplittableRandom values = new SplittableRandom(42);
    private SoakTally tally;
    private long startMillis;
    private long position;
    private @Nullable RawRecord current;
    private Instant currentTimestamp = BoundedWindow.TIMESTAMP_MIN_VALUE;
    private Instant watermark = BoundedWindow.TIMESTAMP_MIN_VALUE;

    Reader(PacedReadings source, long position) {
      this.source = source;
      this.firstPosition = position;
      this.position = position;
    }

    @Override
    public boolean start() {
      tally = SoakTally.byToken(source.tallyToken);
      startMillis = System.currentTimeMillis();
      tally.sourceStarted(startMillis);
      return advance();
    }

    @Override
    public boolean advance() {
      long now = System.currentTimeMillis();
      long elapsed = now - startMillis;
      if (elapsed >= source.forMillis) {
        current = null;
        watermark = BoundedWindow.TIMESTAMP_MAX_VALUE;
        return false;
      }
      if (position - firstPosition >= elapsed * source.perSecond / 1000) {
        current = null;
        return false;
      }
      current = reading(now);
      currentTimestamp = new Instant(now);
      watermark = currentTimestamp;
      tally.generated(now);
      position++;
      return true;
    }

    private RawRecord reading(long nowMillis) {
      String sensor = "Sensor" + (1 + position % source.sensors);
      String ts = LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC).format(TS);
      String value = "{\"ts\":\"" + ts + "\",\"value\":" + values.nextInt(101) + "}";
      return RawRecord.fromLog(
          GeneratedCursor.TOPIC, 0, position, sensor.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public RawRecord getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return currentTimestamp;
    }

    @Override
    public Instant getWatermark() {
      return watermark;
    }

    @Override
    public GeneratedRecords.Position getCheckpointMark() {
      return new GeneratedRecords.Position(position);
    }

    @Override
    public PacedReadings getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }
}
