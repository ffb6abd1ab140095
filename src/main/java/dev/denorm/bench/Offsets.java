package dev.denorm.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** End offsets of topics and a consumer group's lag on them, through Admin. */
final class Offsets implements AutoCloseable {

  private final Admin admin;

  Offsets(String bootstrapServers) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  Admin admin() {
    return admin;
  }

  /** Sum of the end offsets of those topics that exist. */
  long endOffsets(Collection<String> topics) throws ExecutionException, InterruptedException {
    return ends(topics).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Records in the topics not yet committed by the group (all of them before its first commit). */
  long lag(String group, Collection<String> topics) throws ExecutionException, InterruptedException {
    var ends = ends(topics);
    var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    long lag = 0;
    for (var end : ends.entrySet()) {
      var c = committed.get(end.getKey());
      lag += end.getValue() - (c == null ? 0 : c.offset());
    }
    return lag;
  }

  private Map<TopicPartition, Long> ends(Collection<String> topics) throws ExecutionException, InterruptedException {
    var existing = admin.listTopics().names().get();
    List<String> present = topics.stream().filter(existing::contains).toList();
    var request = new HashMap<TopicPartition, OffsetSpec>();
    admin.describeTopics(present).allTopicNames().get().values().forEach(d -> d.partitions()
        .forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    var result = new HashMap<TopicPartition, Long>();
    admin.listOffsets(request).all().get().forEach((p, info) -> result.put(p, info.offset()));
    return result;
  }

  @Override
  public void close() {
    admin.close();
  }
}
