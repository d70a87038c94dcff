package dev.beamkit.pipelines.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A user event with every field, as the rows of the SQL table {@code user_events}: columns {@code
 * event_timestamp}, {@code user}, {@code page}, {@code event}, all strings. Only {@code event} is
 * required (as in {@link UserEvent}); a missing user or page is a NULL column. {@code user} is a
 * reserved word in SQL: write it {@code `user`}.
 *
 * <p>A schema type (public fields), so that Beam SQL can read it as rows; {@link UserEvent} stays
 * the one-field record event-counts needs.
 */
@DefaultSchema(JavaFieldSchema.class)
public final class UserEventRow {
  @JsonProperty("event_timestamp")
  @SchemaFieldName("event_timestamp")
  public @Nullable String eventTimestamp;

  public @Nullable String user;
  public @Nullable String page;
  public String event = "";
}
