package dev.denorm.cdc;

import dev.denorm.serde.AvroTrust;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes the value of one Debezium change event of a table into a {@link RowChange}, in JSON or
 * Avro ({@link ChangeEventReader}). Accepts the full envelope (before/after/op/source) and the flattened row that
 * ExtractNewRecordState writes (deletes as tombstones or with {@code __deleted=true}), each with
 * or without the JsonConverter schema wrapper. Only an update can leave a TOASTed column out
 * ({@link ToastPlaceholder}): in an insert or a snapshot read, a value equal to the placeholder is
 * the column's real value. A row an incremental snapshot read is an upsert ({@link #INCREMENTAL}).
 * The {@code before} image is never used: under
 * REPLICA IDENTITY DEFAULT it holds only the key, other columns filled with type defaults.
 */
public final class ChangeEventDecoder<R extends SpecificRecord> {

  /**
   * Debezium's {@code source.snapshot} on a row an incremental snapshot read (a signal's
   * {@code execute-snapshot}): it comes while the connector streams, deduplicated against the
   * stream by Debezium, and no last-row mark ends it. Such a row is applied as an upsert, never
   * as a row of the initial snapshot: that would hold the emission of every index reading the
   * table ({@code SnapshotHold}) until long after the last of them.
   */
  static final String INCREMENTAL = "incremental";

  private final ChangeTable<R> table;
  private final Schema schema;
  private final ToastPlaceholder placeholder;
  private final boolean applyTruncates;
  private final List<String> readers;
  private final ChangeEventReader format;
  /** Whether to read the commit position a change's transaction follows (only transaction alignment uses it). */
  private final boolean positions;

  /** @param applyTruncates a truncate decodes to {@link RowChange#truncated()}; else it is reported (thrown) */
  public ChangeEventDecoder(ChangeTable<R> table, String toastPlaceholder, boolean applyTruncates) {
    this(ChangeEventReader.json(), table, toastPlaceholder, applyTruncates, List.of(), true);
  }

  /**
   * @param readers the indexes that read the table, named when its shape no longer fits
   * @param positions read {@link RowChange#previousCommit()} from Debezium's {@code source.sequence}
   *     (denorm.transactions.aligned); without, every change's is {@link RowChange#UNKNOWN}
   */
  ChangeEventDecoder(ChangeEventReader format, ChangeTable<R> table, String toastPlaceholder, boolean applyTruncates,
      List<String> readers, boolean positions) {
    this.positions = positions;
    this.format = format;
    this.readers = List.copyOf(readers);
    AvroTrust.trust(table.rowClass());
    this.table = table;
    this.schema = table.rowSchema();
    this.placeholder = new ToastPlaceholder(toastPlaceholder);
    this.applyTruncates = applyTruncates;
  }

  /** The change; a delete event and the tombstone after it both decode to a delete. */
  public RowChange<R> decode(byte[] value) {
    if (value == null) {
      return RowChange.deleted();
    }
    var event = format.read(value, "change event value");
    JsonNode payload = event.payload();
    if (payload.isNull()) {
      return RowChange.deleted();
    }
    if (!payload.isObject()) {
      throw new MalformedChangeException("change event value is a JSON " + payload.getNodeType() + ", not an object");
    }
    if (payload.has("op") && (payload.has("after") || payload.has("before"))) {
      var change = envelope(payload, event.schema());
      return change.snapshot() || !positions ? change : positioned(change, payload.path("source").path("sequence"));
    }
    if (isFlattenedDelete(payload)) {
      return RowChange.deleted();
    }
    // ExtractNewRecordState adds __op only when asked (add.fields=op): without it, any row may be an update
    String op = payload.path("__op").asText("u");
    var change = row(payload, event.schema(), op.equals("u"));
    return op.equals("r") && !INCREMENTAL.equals(payload.path("__source_snapshot").asText("")) ? change.fromSnapshot()
        : positions ? positioned(change, payload.path("__source_sequence")) : change;
  }

  /** The change with the commit position its transaction follows, when the event carries Debezium's sequence. */
  private static <R extends SpecificRecord> RowChange<R> positioned(RowChange<R> change, JsonNode sequence) {
    long previous = previousCommit(sequence.isTextual() ? sequence.textValue() : null);
    return previous == RowChange.UNKNOWN ? change : change.after(previous);
  }

  /**
   * The first element of PostgreSQL's {@code source.sequence}, {@code ["<last commit lsn>","<lsn>"]}
   * (JSON text, numbers in quotes): the last commit position the connector streamed before this
   * change; {@link RowChange#UNKNOWN} when absent or not of that shape. The first is null in the
   * first transaction the connector streams after its snapshot (it has streamed no commit yet): 0,
   * which every committed position is above, and no sample comes before that transaction's commit
   * (the offsets have no {@code lsn_commit} until then).
   */
  static long previousCommit(String sequence) {
    if (sequence != null && sequence.startsWith("[null,")) {
      return 0;
    }
    if (sequence == null || !sequence.startsWith("[\"")) {
      return RowChange.UNKNOWN;
    }
    long value = 0;
    int i = 2;
    for (; i < sequence.length() && i < 21; i++) {
      char c = sequence.charAt(i);
      if (c == '"') {
        return i == 2 ? RowChange.UNKNOWN : value;
      }
      if (c < '0' || c > '9') {
        return RowChange.UNKNOWN;
      }
      value = value * 10 + (c - '0');
    }
    return RowChange.UNKNOWN;
  }

  private RowChange<R> envelope(JsonNode payload, JsonNode schema) {
    String op = payload.path("op").asText();
    return switch (op) {
      case "c", "r", "u" -> {
        JsonNode after = payload.get("after");
        if (after == null || !after.isObject()) {
          throw new MalformedChangeException("op '" + op + "' without an 'after' row");
        }
        var change = row(after, DebeziumJson.fieldSchema(schema, "after"), op.equals("u"));
        String snapshot = payload.path("source").path("snapshot").asText("");
        yield op.equals("r") && !INCREMENTAL.equals(snapshot) ? change.fromSnapshot(RowChange.Place.of(snapshot)) : change;
      }
      case "d" -> RowChange.deleted();
      case "t" -> {
        if (!applyTruncates) {
          throw new TruncateEventException(table.name());
        }
        yield RowChange.truncated();
      }
      default -> throw new MalformedChangeException("unknown op '" + op + "' (expected c, r, u, d or t)");
    };
  }

  private static boolean isFlattenedDelete(JsonNode row) {
    JsonNode deleted = row.get("__deleted");
    return (deleted != null && deleted.asText().equals("true")) || row.path("__op").asText().equals("d");
  }

  @SuppressWarnings("unchecked")
  private RowChange<R> row(JsonNode row, JsonNode rowSchema, boolean update) {
    R record = (R) SpecificData.getForClass(table.rowClass()).newRecord(null, schema);
    Set<String> unavailable = new HashSet<>();
    for (Schema.Field field : schema.getFields()) {
      String column = field.name();
      JsonNode value = row.get(column);
      if (value == null) {
        throw new IncompatibleColumnException(table.name(), readers, column, "is missing from its change event (dropped or renamed?)");
      } else if (update && placeholder.matches(value, field.schema())) {
        unavailable.add(column);
        record.put(field.pos(), null);
      } else {
        try {
          record.put(field.pos(), ColumnDecoder.decode(column, value, field.schema(), DebeziumJson.fieldSchema(rowSchema, column)));
        } catch (ColumnDecoder.WrongJsonTypeException e) {
          throw new IncompatibleColumnException(table.name(), readers, column, e.getMessage());
        }
      }
    }
    return new RowChange<>(record, unavailable);
  }
}
