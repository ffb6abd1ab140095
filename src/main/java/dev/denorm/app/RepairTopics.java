package dev.denorm.app;

import dev.denorm.assembly.RepairTopic;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates each index's repair topic ({@link RepairTopic}) before Kafka Streams starts, which reads
 * it: with the routing topics' partition count, since a request must reach the task that holds
 * the document's rows. One of another count (denorm.partitions changed) stops the start.
 */
final class RepairTopics {

  private RepairTopics() {}

  static void ensure(String bootstrapServers, String applicationId, Collection<String> indexes, int partitions)
      throws ExecutionException, InterruptedException {
    var names = indexes.stream().map(index -> RepairTopic.name(applicationId, index)).toList();
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      var existing = admin.listTopics().names().get();
      var missing = new ArrayList<NewTopic>();
      for (String name : names) {
        if (!existing.contains(name)) {
          missing.add(new NewTopic(name, partitions, (short) -1));
        }
      }
      var present = names.stream().filter(existing::contains).toList();
      admin.describeTopics(present).allTopicNames().get().forEach((name, d) -> {
        if (d.partitions().size() != partitions) {
          throw new IllegalStateException("repair topic " + name + " has " + d.partitions().size()
              + " partitions, the routing topics " + partitions + ": delete it (it holds only verify --repair's"
              + " requests) and start again");
        }
      });
      try {
        admin.createTopics(missing).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }
}
