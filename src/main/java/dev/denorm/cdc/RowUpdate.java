package dev.denorm.cdc;

import dev.denorm.position.Mark;
import dev.denorm.serde.AvroSerde;
import org.apache.avro.specific.SpecificRecord;

/**
 * A row of a captured table before and after one change: before absent for an insert, after
 * absent for a delete. Both are whole rows (unchanged TOASTed columns filled in), held as their
 * Avro bytes, so that routing them on costs no encoding; decoded only when asked for.
 */
public final class RowUpdate<R extends SpecificRecord> {

  private final AvroSerde<R> serde;
  private final byte[] beforeBytes;
  private final byte[] afterBytes;
  private final boolean snapshotEnd;
  private final Mark mark;
  private R before;
  private R after;

  RowUpdate(AvroSerde<R> serde, byte[] beforeBytes, byte[] afterBytes, R after) {
    this(serde, beforeBytes, afterBytes, after, false);
  }

  private RowUpdate(AvroSerde<R> serde, byte[] beforeBytes, byte[] afterBytes, R after, boolean snapshotEnd) {
    this(serde, beforeBytes, afterBytes, after, snapshotEnd, null);
  }

  private RowUpdate(AvroSerde<R> serde, byte[] beforeBytes, byte[] afterBytes, R after, boolean snapshotEnd, Mark mark) {
    this.serde = serde;
    this.beforeBytes = beforeBytes;
    this.afterBytes = afterBytes;
    this.after = after;
    this.snapshotEnd = snapshotEnd;
    this.mark = mark;
  }

  /**
   * Not a row: the table's intake has applied every change of every transaction committed up to
   * the mark's position (forwarded with no key). Routing sends it to every partition of every
   * relation of the table, behind the rows it covers.
   */
  public static <R extends SpecificRecord> RowUpdate<R> position(AvroSerde<R> serde, Mark mark) {
    return new RowUpdate<>(serde, null, null, null, false, mark);
  }

  /** The position mark, or null for a row or a snapshot end. */
  public Mark mark() {
    return mark;
  }

  /**
   * Not a row: the mark that the connector's snapshot has read the table's last row (forwarded with
   * no key, after that row). Routing sends it to every partition of every relation of the table.
   */
  public static <R extends SpecificRecord> RowUpdate<R> snapshotEnd(AvroSerde<R> serde) {
    return new RowUpdate<>(serde, null, null, null, true);
  }

  public boolean isSnapshotEnd() {
    return snapshotEnd;
  }

  /** For tests and callers that have rows: encodes them. */
  public static <R extends SpecificRecord> RowUpdate<R> of(AvroSerde<R> serde, R before, R after) {
    var update = new RowUpdate<>(serde, serde.toBytes(before), serde.toBytes(after), after);
    update.before = before;
    return update;
  }

  public byte[] beforeBytes() {
    return beforeBytes;
  }

  public byte[] afterBytes() {
    return afterBytes;
  }

  public R before() {
    if (before == null && beforeBytes != null) {
      before = serde.fromBytes(beforeBytes);
    }
    return before;
  }

  public R after() {
    if (after == null && afterBytes != null) {
      after = serde.fromBytes(afterBytes);
    }
    return after;
  }
}
