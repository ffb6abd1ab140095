package dev.denorm.cdc;

import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one change event did to a row: inserted or updated it ({@code row} set), or deleted it
 * ({@code row} null; a delete event or the tombstone after it). Columns that PostgreSQL left out
 * of an update because they were unchanged and stored out of line (TOAST) are listed in
 * {@code unavailable} and are null in {@code row} until {@link ChangeTableAggregator} fills them
 * from the previous row. {@code snapshot}: the connector's initial snapshot read it (op 'r').
 * {@code truncate}: a TRUNCATE removed every row of the table (op 't', an event without a key).
 */
public record RowChange<R extends SpecificRecord>(R row, Set<String> unavailable, boolean snapshot, boolean truncate) {

  public RowChange {
    unavailable = Set.copyOf(unavailable);
  }

  public RowChange(R row, Set<String> unavailable) {
    this(row, unavailable, false, false);
  }

  /** The same change, read by the connector's snapshot (op 'r') rather than from the WAL. */
  public RowChange<R> fromSnapshot() {
    return new RowChange<>(row, unavailable, true, false);
  }

  public static <R extends SpecificRecord> RowChange<R> deleted() {
    return new RowChange<>(null, Set.of());
  }

  /** A TRUNCATE of the whole table (op 't'): every row is gone. */
  public static <R extends SpecificRecord> RowChange<R> truncated() {
    return new RowChange<>(null, Set.of(), false, true);
  }

  /** A delete of this row, or of every row (a truncate). */
  public boolean isDelete() {
    return row == null;
  }
}
