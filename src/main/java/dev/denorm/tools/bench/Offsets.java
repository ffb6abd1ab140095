package dev.denorm.tools.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import dev.denorm.capture.Topics;
import org.apache.kafka.clients.admin.AdminClientConfig;

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
    return Topics.ends(admin, topics).values().stream().mapToLong(Long::longValue).sum();
  }

  /** The end offsets of those topics that exist, summed per topic: one request for all of them. */
  Map<String, Long> endOffsetsByTopic(Collection<String> topics) throws ExecutionException, InterruptedException {
    var byTopic = new HashMap<String, Long>();
    Topics.ends(admin, topics).forEach((partition, end) -> byTopic.merge(partition.topic(), end, Long::sum));
    return byTopic;
  }

  /** Records in the topics not yet committed by the group (all of them before its first commit). */
  long lag(String group, Collection<String> topics) throws ExecutionException, InterruptedException {
    return Topics.groupLag(admin, group, topics);
  }

  @Override
  public void close() {
    admin.close();
  }
}
