package dev.denorm.assembly;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Where a routed change goes: to the partition of the document it belongs to (the first id of
 * the key; the same function for every relation of an index, so a document's rows meet in one
 * task), or to every partition, for rows that documents of any partition may reference.
 */
final class RoutePartitioner implements StreamPartitioner<byte[], byte[]> {

  private final boolean everyPartition;

  private RoutePartitioner(boolean everyPartition) {
    this.everyPartition = everyPartition;
  }

  static RoutePartitioner byDocument() {
    return new RoutePartitioner(false);
  }

  static RoutePartitioner everyPartition() {
    return new RoutePartitioner(true);
  }

  /** The partition of a document id. */
  static int partition(long documentId, int partitions) {
    return Utils.toPositive(Utils.murmur2(Keys.of(documentId))) % partitions;
  }

  @Override
  public Optional<Set<Integer>> partitions(String topic, byte[] key, byte[] value, int numPartitions) {
    if (everyPartition || Keys.isSnapshotEnd(key)) { // a lookup row, or the snapshot-end mark (Routes)
      return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
    }
    return Optional.of(Set.of(partition(Keys.id(key, 0), numPartitions)));
  }
}
