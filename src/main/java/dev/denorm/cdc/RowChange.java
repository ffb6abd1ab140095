package dev.denorm.cdc;

import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * An inserted or updated row as decoded from one change event. Columns that PostgreSQL left out
 * because they were unchanged and stored out of line (TOAST) are listed in {@code unavailable}
 * and are null in {@code row} until {@link ToastMerger} fills them from the previous row.
 * A deleted row is not a RowChange: it decodes to null, a table tombstone.
 */
public record RowChange<R extends SpecificRecord>(R row, Set<String> unavailable) {

  public RowChange {
    unavailable = Set.copyOf(unavailable);
  }
}
