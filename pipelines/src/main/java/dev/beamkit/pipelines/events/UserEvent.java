package dev.beamkit.pipelines.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * One user event from topic {@code user-events}:
 * {@code {"event_timestamp":"2024-03-01 12:00:00","user":"a@b.c","page":"http://…","event":"click"}}.
 * The timestamp becomes the element's timestamp; only the event type is kept, because that is
 * all the counts need (user and page may be absent without making the record bad).
 */
@DefaultCoder(UserEvent.Coder.class)
public record UserEvent(@JsonProperty(value = "event", required = true) String event) {

  /** The event type as UTF-8. */
  public static final class Coder extends AtomicCoder<UserEvent> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    /** Lets {@code @DefaultCoder} find this coder through the coder registry. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(UserEvent.class), INSTANCE);
    }

    @Override
    public void encode(UserEvent e, OutputStream out) throws IOException {
      StringUtf8Coder.of().encode(e.event(), out);
    }

    @Override
    public UserEvent decode(InputStream in) throws IOException {
      return new UserEvent(StringUtf8Coder.of().decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
