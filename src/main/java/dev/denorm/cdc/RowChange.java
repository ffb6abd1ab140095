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
 * {@code place}: where in its table the snapshot read the row, from Debezium's {@code source.snapshot}.
 * {@code previousCommit}: the WAL position of the last commit the connector streamed before this
 * change's transaction (Debezium's {@code source.sequence[0]}), the same for every change of that
 * transaction; {@link #UNKNOWN} for a snapshot read or an event without it. The transaction is
 * complete downstream once a position mark above it has passed ({@code TransactionHold}).
 */
public record RowChange<R extends SpecificRecord>(R row, Set<String> unavailable, boolean snapshot, boolean truncate,
    Place place, long previousCommit) {

  /** {@link #previousCommit} of a change that does not say it. */
  public static final long UNKNOWN = -1;

  /** Where a snapshot read a row: Debezium's marks by precedence are last, first, last_in_data_collection, the rest. */
  public enum Place {
    /** Not read by a snapshot, or a row that is neither of the two below. */
    WITHIN,
    /** {@code first}: the first row of the first table, which may also be that table's only row. */
    FIRST,
    /** {@code last_in_data_collection}, or {@code last} (the snapshot's last table): the table's last row. */
    LAST;

    static Place of(String snapshot) {
      return switch (snapshot) {
        case "last", "last_in_data_collection" -> LAST;
        case "first" -> FIRST;
        default -> WITHIN;
      };
    }
  }

  public RowChange {
    unavailable = Set.copyOf(unavailable);
  }

  public RowChange(R row, Set<String> unavailable, boolean snapshot, boolean truncate, Place place) {
    this(row, unavailable, snapshot, truncate, place, UNKNOWN);
  }

  /** The same change, streamed in a transaction after the commit at this WAL position. */
  public RowChange<R> after(long previousCommit) {
    return new RowChange<>(row, unavailable, snapshot, truncate, place, previousCommit);
  }

  public RowChange(R row, Set<String> unavailable, boolean snapshot, boolean truncate) {
    this(row, unavailable, snapshot, truncate, Place.WITHIN);
  }

  public RowChange(R row, Set<String> unavailable) {
    this(row, unavailable, false, false);
  }

  /** The same change, read by the connector's snapshot (op 'r') rather than from the WAL. */
  public RowChange<R> fromSnapshot() {
    return fromSnapshot(Place.WITHIN);
  }

  /** The same change read by the snapshot, at this place in its table. */
  public RowChange<R> fromSnapshot(Place place) {
    return new RowChange<>(row, unavailable, true, false, place);
  }

  /** The last row the snapshot read of this table. */
  public boolean snapshotEnd() {
    return place == Place.LAST;
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
