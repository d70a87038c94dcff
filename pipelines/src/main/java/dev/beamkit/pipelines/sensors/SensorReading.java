package dev.beamkit.pipelines.sensors;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * One temperature reading: {@code {"ts": "...", "value": n}} from topic {@code raw-temp-data},
 * with the sensor id taken from the Kafka key. The {@code ts} field becomes the element's
 * timestamp and is not kept here.
 */
@DefaultCoder(SensorReading.Coder.class)
public record SensorReading(
    @JsonProperty(value = "sensor", required = true) String sensor,
    @JsonProperty(value = "value", required = true) double value) {

  /** Sensor id then value: compact and deterministic. */
  public static final class Coder extends AtomicCoder<SensorReading> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    /** Lets {@code @DefaultCoder} find this coder through the coder registry. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(SensorReading.class), INSTANCE);
    }

    @Override
    public void encode(SensorReading r, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(r.sensor(), out);
      DoubleCoder.of().encode(r.value(), out);
    }

    @Override
    public SensorReading decode(InputStream in) throws IOException {
      return new SensorReading(StringUtf8Coder.of().decode(in), DoubleCoder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
