package dev.beamkit.pipelines.events;

import dev.beamkit.pipelines.options.OptionError;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.schemas.transforms.Convert;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * A Beam SQL query kept current over a stream of user events: the events are the table {@value
 * #TABLE}, the query runs over everything since the start of the stream (see {@link
 * EventCounts#sinceTheStart()}), and every new event brings a new result row for its group with
 * the group's absolute value so far.
 *
 * <p>The query must aggregate with GROUP BY and no window function: Beam SQL groups an unbounded
 * input only in the window and with the trigger it arrives with, which here is the global window
 * with a pane per new element. A query Beam SQL cannot parse or plan is an {@link OptionError}
 * naming {@code --query}.
 */
public final class SqlLiveView extends PTransform<PCollection<UserEventRow>, PCollection<Row>> {
  private static final long serialVersionUID = 1L;

  /** The table name queries read the events from. */
  public static final String TABLE = "user_events";

  /** The query that gives event-counts' view. */
  public static final String COUNT_PER_EVENT =
      "SELECT event, COUNT(*) AS n FROM " + TABLE + " GROUP BY event";

  private final String query;

  private SqlLiveView(String query) {
    this.query = query;
  }

  /** A live view of {@code query}. */
  public static SqlLiveView of(String query) {
    return new SqlLiveView(query);
  }

  @Override
  public PCollection<Row> expand(PCollection<UserEventRow> events) {
    PCollection<Row> rows =
        events
            .apply("ToRows", Convert.toRows())
            .apply("SinceTheStart", EventCounts.<Row>sinceTheStart());
    try {
      return PCollectionTuple.of(new TupleTag<Row>(TABLE), rows).apply("Query", SqlTransform.query(query));
    } catch (RuntimeException e) {
      throw new OptionError("query", query, innermostMessage(e));
    }
  }

  /** Calcite's own words (position and token) sit in the deepest cause; its first line is enough. */
  private static String innermostMessage(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
