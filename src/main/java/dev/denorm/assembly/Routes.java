package dev.denorm.assembly;

import dev.denorm.cdc.RowUpdate;
import dev.denorm.index.Children;
import dev.denorm.index.Relation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KeyValueMapper;

/**
 * Turns a table's (before, after) rows into the records one relation needs, value = the row's
 * Avro bytes or null for "gone". A root or lookup row is keyed by its own id; a child row by
 * (parent id, child id), and a child that moved is removed from its old parent first. An update
 * that changed none of the columns a relation shows ({@code showing(...)}) is not routed. The
 * snapshot's end of the table goes on as a record with an empty key.
 */
final class Routes {

  private Routes() {}

  static <R extends SpecificRecord> KeyValueMapper<Long, RowUpdate<R>, Iterable<KeyValue<byte[], byte[]>>> of(Relation<R> relation) {
    int[] shown = positions(relation);
    if (relation instanceof Children<?, R> children) {
      return (id, update) -> update.isSnapshotEnd() ? SNAPSHOT_END : child(children, shown, id, update);
    }
    return (id, update) -> update.isSnapshotEnd() ? SNAPSHOT_END
        : unchanged(shown, update) ? List.of() : List.of(KeyValue.pair(Keys.of(id), update.afterBytes()));
  }

  /** The snapshot-end mark, for every partition ({@link RoutePartitioner}). */
  private static final List<KeyValue<byte[], byte[]>> SNAPSHOT_END = List.of(KeyValue.pair(Keys.SNAPSHOT_END, null));

  /** Positions of the columns the relation shows; null: all. */
  private static int[] positions(Relation<?> relation) {
    if (relation.columns() == null) {
      return null;
    }
    var schema = relation.table().rowSchema();
    return relation.columns().stream().mapToInt(c -> schema.getField(c).pos()).toArray();
  }

  /** An update that changed none of the shown columns (never an insert or a delete). */
  private static boolean unchanged(int[] shown, RowUpdate<?> update) {
    if (shown == null || update.beforeBytes() == null || update.afterBytes() == null) {
      return false;
    }
    for (int pos : shown) {
      if (!Objects.equals(update.before().get(pos), update.after().get(pos))) {
        return false;
      }
    }
    return true;
  }

  private static <R extends SpecificRecord> List<KeyValue<byte[], byte[]>> child(
      Children<?, R> children, int[] shown, long id, RowUpdate<R> update) {
    Long before = update.beforeBytes() == null ? null : children.parentKey().apply(update.before());
    Long after = update.afterBytes() == null ? null : children.parentKey().apply(update.after());
    if (Objects.equals(before, after) && unchanged(shown, update)) {
      return List.of();
    }
    var routed = new ArrayList<KeyValue<byte[], byte[]>>(2);
    if (before != null && !Objects.equals(before, after)) {
      routed.add(KeyValue.pair(Keys.of(before, id), null));
    }
    if (after != null) {
      routed.add(KeyValue.pair(Keys.of(after, id), update.afterBytes()));
    }
    return routed;
  }
}
