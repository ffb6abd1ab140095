package dev.denorm.cdc;

import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * What one change event did to a row: inserted or updated it ({@code row} set), or deleted it
 * ({@code row} null; a delete event or the tombstone after it). Columns that PostgreSQL left out
 * of an update because they were unchanged and stored out of line (TOAST) are listed in
 * {@code unavailable} and are null in {@code row} until {@link ChangeTableAggregator} fills them
 * from the previous row.
 */
public record RowChange<R extends SpecificRecord>(R row, Set<String> unavailable) {

  public RowChange {
    unavailable = Set.copyOf(unavailable);
  }

  public static <R extends SpecificRecord> RowChange<R> deleted() {
    return new RowChange<>(null, Set.of());
  }

  public boolean isDelete() {
    return row == null;
  }
}
