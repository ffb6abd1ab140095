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
 * Where a routed change goes: to the partition of the key its first {@code columns} column values
 * make (the document's key, for every relation of an index, so a document's rows meet in one
 * task; a parent's key, for rows on their way to learn their parent's document), or to every
 * partition, for rows that documents of any partition may reference.
 */
final class RoutePartitioner implements StreamPartitioner<byte[], byte[]> {

  /** Key columns to hash; 0: every partition. */
  private final int columns;

  private RoutePartitioner(int columns) {
    this.columns = columns;
  }

  /** By the first {@code columns} column values of the key (a document's or a parent's key). */
  static RoutePartitioner byLeading(int columns) {
    return new RoutePartitioner(columns);
  }

  static RoutePartitioner everyPartition() {
    return new RoutePartitioner(0);
  }

  /** The partition of a key (of exactly the columns the partitioner hashes). */
  static int partition(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  @Override
  public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, int numPartitions) {
    if (columns == 0 || Keys.isSnapshotEnd(key)) { // a shared row, or the snapshot-end mark (Routes)
      return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
    }
    int length = RowKey.prefixLength(key, columns);
    byte[] leading = length == key.length ? key : Arrays.copyOf(key, length);
    return Optional.of(Set.of(partition(leading, numPartitions)));
  }
}
