package dev.denorm.assembly;

import dev.denorm.position.Mark;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Where a record of a document topic goes: a document to the partition of its id, as Kafka's
 * producer would put it (murmur2 of the id's UTF-8 bytes); a position mark to every partition, so
 * that each sink task learns it behind the documents it covers.
 */
final class DocumentPartitioner implements StreamPartitioner<String, byte[]> {

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, int numPartitions) {
    if (Mark.isDocumentKey(key)) {
      return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
    return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % numPartitions));
  }
}
