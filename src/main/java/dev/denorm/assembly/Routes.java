package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import dev.denorm.cdc.RowUpdate;
import dev.denorm.index.Children;
import dev.denorm.index.Relation;
import dev.denorm.index.RowFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KeyValueMapper;

/**
 * Turns a table's (before, after) rows into the records one relation needs, value = the row's
 * Avro bytes or null for "gone". A root or lookup row is keyed by its own key; a child row by
 * (parent key, own key), and a child that moved is removed from its old parent first. A row that
 * fails the relation's filter is routed as gone, so one that starts or stops passing is an insert
 * or a delete. An update that changed none of the columns a relation shows ({@code showing(...)}),
 * nor its foreign key, nor whether it passes, is not routed. The snapshot's end of the table goes
 * on as a record with an empty key, a position mark as one with the key {@link Keys#POSITION}.
 */
final class Routes {

  private Routes() {}

  /** The snapshot-end mark, for every partition ({@link RoutePartitioner}). */
  private static final List<KeyValue<byte[], byte[]>> SNAPSHOT_END = List.of(KeyValue.pair(Keys.SNAPSHOT_END, null));

  static <R extends SpecificRecord> KeyValueMapper<RowKey, RowUpdate<R>, Iterable<KeyValue<byte[], byte[]>>> of(
      Relation<R> relation) {
    return of(relation, Set.of());
  }

  /**
   * @param referencing columns the stores need beside those shown: the foreign keys of the lookups
   *     that start from this relation (a row that points to another row must be routed)
   */
  static <R extends SpecificRecord> KeyValueMapper<RowKey, RowUpdate<R>, Iterable<KeyValue<byte[], byte[]>>> of(
      Relation<R> relation, Set<String> referencing) {
    int[] shown = positions(relation, referencing);
    RowFilter<R> filter = relation.filter();
    ForeignKey foreignKey = relation instanceof Children<?, R> ? ForeignKey.of(relation) : null;
    return (key, update) -> {
      if (update.isSnapshotEnd()) {
        return SNAPSHOT_END;
      }
      if (update.mark() != null) {
        return List.of(KeyValue.pair(Keys.POSITION, update.mark().bytes()));
      }
      byte[] before = passing(filter, update.beforeBytes(), update::before);
      byte[] after = passing(filter, update.afterBytes(), update::after);
      if (foreignKey == null) {
        return before == null && after == null || unchanged(shown, update, before, after) ? List.of()
            : List.of(KeyValue.pair(key.bytes(), after));
      }
      return child(foreignKey, shown, key, update, before, after);
    };
  }

  /** The row's bytes when it passes the filter (or there is none), else null: the row is as absent. */
  private static <R extends SpecificRecord> byte[] passing(RowFilter<R> filter, byte[] bytes, Supplier<R> row) {
    return bytes == null || filter == null || filter.test().test(row.get()) ? bytes : null;
  }

  /** Positions of the columns the relation shows, and of {@code referencing}; null: all. */
  private static int[] positions(Relation<?> relation, Set<String> referencing) {
    if (relation.columns() == null) {
      return null;
    }
    var columns = new TreeSet<>(relation.columns());
    columns.addAll(referencing);
    var schema = relation.table().rowSchema();
    return columns.stream().mapToInt(c -> schema.getField(c).pos()).toArray();
  }

  /** An update of a present row that changed none of the shown columns (never an insert or a delete). */
  private static boolean unchanged(int[] shown, RowUpdate<?> update, byte[] before, byte[] after) {
    if (before == null || after == null) {
      return false;
    }
    if (shown == null) {
      return Arrays.equals(before, after);
    }
    for (int pos : shown) {
      if (!Objects.equals(update.before().get(pos), update.after().get(pos))) {
        return false;
      }
    }
    return true;
  }

  private static <R extends SpecificRecord> List<KeyValue<byte[], byte[]>> child(
      ForeignKey foreignKey, int[] shown, RowKey key, RowUpdate<R> update, byte[] beforeBytes, byte[] afterBytes) {
    RowKey before = beforeBytes == null ? null : foreignKey.of(update.before());
    RowKey after = afterBytes == null ? null : foreignKey.of(update.after());
    if (Objects.equals(before, after) && (before == null || unchanged(shown, update, beforeBytes, afterBytes))) {
      return List.of();
    }
    var routed = new ArrayList<KeyValue<byte[], byte[]>>(2);
    if (before != null && !Objects.equals(before, after)) {
      routed.add(KeyValue.pair(RowKey.concat(before, key).bytes(), null));
    }
    if (after != null) {
      routed.add(KeyValue.pair(RowKey.concat(after, key).bytes(), afterBytes));
    }
    return routed;
  }
}
