package dev.denorm.app;

import dev.denorm.config.KafkaClients;
import java.util.List;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.concurrent.ExecutionException;

/**
 * What each index's stores were built for: its plan ({@code DocumentPlan#describe}), in the topic
 * {@code <application.id>-index-plans-changelog}. A plan that differs from the stored one (a
 * relation added or removed, other columns shown) means the stores lack rows the documents now
 * need: the start stops and says how to rebuild. The name follows Kafka Streams' internal
 * changelogs on purpose, so that kafka-streams-application-reset, which deletes an application's
 * internal topics, deletes it together with the state it describes, and the rebuilt application
 * records the new plans.
 */
final class IndexPlansTopic {

  private final CompactedTopic topic;

  IndexPlansTopic(KafkaClients clients, String applicationId) {
    this.topic = new CompactedTopic(clients, applicationId + "-index-plans-changelog");
  }

  String name() {
    return topic.name();
  }

  /** @throws IllegalStateException naming each index whose plan changed, and the rebuild */
  void checkAndRecord(Indexes indexes, String applicationId, List<String> changeTopics)
      throws ExecutionException, InterruptedException {
    topic.ensure();
    var stored = topic.readAll();
    var changed = new ArrayList<String>();
    var recorded = new LinkedHashMap<String, String>();
    for (DocumentIndex<?> index : indexes.all()) {
      String before = stored.get(index.name());
      String now = index.plan().describe();
      if (before == null) {
        recorded.put(index.name(), now);
      } else if (!before.equals(now)) {
        changed.add("index " + index.name() + " changed its plan from [" + before + "] to [" + now + "]");
      }
    }
    if (!changed.isEmpty()) {
      throw new IllegalStateException(String.join("; ", changed) + ": its stores lack the rows of what is new, so"
          + " its documents must be rebuilt from the change topics. Stop every instance, then run"
          + " kafka-streams-application-reset --bootstrap-server <kafka> --application-id " + applicationId
          + " --input-topics " + String.join(",", changeTopics) + " (it deletes the stores' changelogs and " + topic.name()
          + "), delete the state directories, and start again (docs/operations.md, 'Changing an index plan')");
    }
    topic.write(recorded);
  }
}
