package dev.denorm.app;

import dev.denorm.sink.SinkTopology;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Which instances run an index's sink tasks, and how many partitions its document topic has, as the group knows it. */
record SinkPlacement(Set<HostInfo> hosts, int partitions) {

  static SinkPlacement of(KafkaStreams streams, String index, String documentTopic) {
    var metadata = streams.streamsMetadataForStore(SinkTopology.checkStore(index));
    var hosts = metadata.stream()
        .filter(m -> m.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(documentTopic)))
        .map(StreamsMetadata::hostInfo)
        .collect(Collectors.toCollection(() -> new TreeSet<HostInfo>((a, b) -> (a.host() + ":" + a.port())
            .compareTo(b.host() + ":" + b.port()))));
    int partitions = (int) metadata.stream().flatMap(m -> m.topicPartitions().stream())
        .filter(tp -> tp.topic().equals(documentTopic)).distinct().count();
    return new SinkPlacement(Set.copyOf(hosts), partitions);
  }
}
