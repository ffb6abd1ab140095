package dev.denorm.app;

import dev.denorm.assembly.RepairTopic;
import dev.denorm.capture.Topics;
import dev.denorm.config.KafkaClients;
import java.util.Collection;
import java.util.concurrent.ExecutionException;

/**
 * Creates each index's repair topic ({@link RepairTopic}) before Kafka Streams starts, which reads
 * it: with the routing topics' partition count, since a request must reach the task that holds
 * the document's rows. One of another count (denorm.partitions changed) stops the start.
 */
final class RepairTopics {

  private RepairTopics() {}

  static void ensure(KafkaClients clients, String applicationId, Collection<String> indexes, int partitions)
      throws ExecutionException, InterruptedException {
    var names = indexes.stream().map(index -> RepairTopic.name(applicationId, index)).toList();
    try (var admin = clients.admin("repair-topics")) {
      Topics.partitions(admin, names).forEach((name, count) -> {
        if (count != partitions) {
          throw new IllegalStateException("repair topic " + name + " has " + count
              + " partitions, the routing topics " + partitions + ": delete it (it holds only verify --repair's"
              + " requests) and start again");
        }
      });
      Topics.ensure(admin, names, partitions, false);
    }
  }
}
