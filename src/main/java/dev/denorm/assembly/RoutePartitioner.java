package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Where a routed change goes: to the partition of the key its first column values make (the
 * document's key, for every relation of an index, so a document's rows meet in one task; a
 * parent's key, for rows on their way to learn their parent's document), or to every partition,
 * for rows that documents of any partition may reference, and for snapshot-end and position marks.
 */
final class RoutePartitioner implements StreamPartitioner<byte[], byte[]> {

  /** Key columns to hash, per relation number of a tagged key ({@link RelationTags}); 0: every partition. */
  private final int[] columnsByTag;
  /** Key columns to hash of an untagged key, when {@code columnsByTag} is null. */
  private final int columns;
  private Optional<Set<Integer>> every = Optional.of(Set.of());

  private RoutePartitioner(int[] columnsByTag, int columns) {
    this.columnsByTag = columnsByTag;
    this.columns = columns;
  }

  /** Untagged keys, by their first {@code columns} column values (a parent's key). */
  static RoutePartitioner byLeading(int columns) {
    return new RoutePartitioner(null, columns);
  }

  /**
   * Tagged keys ({@link RelationTags}): a relation's rows by the first {@code columnsByTag[tag]}
   * column values of their store key (the document's key), or to every partition where that is 0.
   */
  static RoutePartitioner byRelation(int[] columnsByTag) {
    return new RoutePartitioner(columnsByTag.clone(), 0);
  }

  /** The partition of a key (of exactly the columns the partitioner hashes). */
  static int partition(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  @Override
  public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, int numPartitions) {
    int from = columnsByTag == null ? 0 : 1;
    int hashed = columnsByTag == null ? columns : columnsByTag[RelationTags.tag(key)];
    if (hashed == 0 || key.length == from || key.length == from + 1 && key[from] == Keys.POSITION[0]) {
      // a shared row, the snapshot-end mark or a position mark (Routes)
      return every(numPartitions);
    }
    int end = RowKey.prefixEnd(key, from, hashed);
    byte[] leading = from == 0 && end == key.length ? key : Arrays.copyOfRange(key, from, end);
    return Optional.of(Set.of(partition(leading, numPartitions)));
  }

  private Optional<Set<Integer>> every(int numPartitions) {
    var all = every;
    if (all.get().size() != numPartitions) {
      all = Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
      every = all;
    }
    return all;
  }
}
