package dev.beamkit.pipelines.events;

import dev.beamkit.pipelines.options.OptionError;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns a result row of a {@link SqlLiveView} into a Redis key and value. The value is the
 * row's last column, which must be a number that only grows as events arrive (COUNT, SUM of
 * non-negative values, MAX): Redis keeps the largest value written ({@code RedisWrite.Mode.MAX}).
 * The key is the template with each {@code {column}} replaced by that column's value ({@code
 * null} for SQL NULL); without a template it is the key prefix followed by the other columns,
 * joined by {@code :} — {@code events:click} for the default query, as event-counts writes it.
 */
public final class SqlRowEntry implements SerializableFunction<Row, KV<String, String>> {
  private static final long serialVersionUID = 1L;
  private static final Pattern COLUMN = Pattern.compile("\\{([^{}]+)}");

  private final String template;
  private final String valueColumn;

  private SqlRowEntry(String template, String valueColumn) {
    this.template = template;
    this.valueColumn = valueColumn;
  }

  /**
   * The entry for rows of {@code schema}.
   *
   * @param keyTemplate e.g. {@code pages:{page}}; null for the prefix and the other columns
   * @throws OptionError naming {@code --keyTemplate} for a column the query does not return, or
   *     {@code --query} when its last column is not a number
   */
  public static SqlRowEntry of(Schema schema, String query, @Nullable String keyTemplate, String keyPrefix) {
    List<String> columns = schema.getFieldNames();
    Schema.Field value = schema.getField(columns.size() - 1);
    if (!value.getType().getTypeName().isNumericType()) {
      throw new OptionError(
          "query", query, "its last column (" + value.getName() + ") must be a number, the value kept in Redis; it is " + value.getType().getTypeName());
    }
    if (keyTemplate == null || keyTemplate.isEmpty()) {
      List<String> keyColumns = columns.subList(0, columns.size() - 1);
      // A query with no group column (one total) is keyed by the value column's name.
      String key = keyColumns.isEmpty() ? value.getName() : "{" + String.join("}:{", keyColumns) + "}";
      return new SqlRowEntry(keyPrefix + key, value.getName());
    }
    Matcher m = COLUMN.matcher(keyTemplate);
    while (m.find()) {
      if (!schema.hasField(m.group(1))) {
        throw new OptionError("keyTemplate", keyTemplate, "the query returns no column " + m.group(1) + "; it returns " + columns);
      }
    }
    return new SqlRowEntry(keyTemplate, value.getName());
  }

  @Override
  public KV<String, String> apply(Row row) {
    Matcher m = COLUMN.matcher(template);
    StringBuilder key = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(key, Matcher.quoteReplacement(String.valueOf((Object) row.getValue(m.group(1)))));
    }
    m.appendTail(key);
    return KV.of(key.toString(), String.valueOf((Object) row.getValue(valueColumn)));
  }
}
