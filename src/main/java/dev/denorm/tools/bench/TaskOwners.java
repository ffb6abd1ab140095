package dev.denorm.tools.bench;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Sorts a consumer group's assigned partitions into each instance's tasks by what reads them. A
 * task reads the same partition of each of its input topics, and some topics have one reader: an
 * index's repair topic ({@code <application.id>-<index>-repair}) only its assembling sub-topology,
 * so its partitions are the index's assembly tasks; its document topic only its sink; the change
 * topics only the change tables. Other topics (the routing topics, read by the same tasks) are
 * left out.
 */
final class TaskOwners {

  /** The change tables' tasks: one per partition of every change topic. */
  static final String CHANGE_TABLES = "change-table";

  /** A member of the group, a stream thread's consumer ({@code <thread name>-consumer}), and its partitions. */
  record Member(String clientId, Collection<TopicPartition> partitions) {}

  private static final Comparator<TopicPartition> ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  /** Topic to the kind of task that reads it ("orders assembly", "orders sink", change-table), in report order. */
  private final Map<String, String> kinds;

  TaskOwners(Map<String, String> kinds) {
    this.kinds = new LinkedHashMap<>(kinds);
  }

  /** For an application's indexes: their repair topics, their document topics, the change topics. */
  static TaskOwners of(Map<String, String> repairTopics, Map<String, String> documentTopics, Collection<String> changeTopics) {
    var kinds = new LinkedHashMap<String, String>();
    repairTopics.forEach((index, topic) -> kinds.put(topic, index + " assembly"));
    documentTopics.forEach((index, topic) -> kinds.put(topic, index + " sink"));
    changeTopics.forEach(topic -> kinds.put(topic, CHANGE_TABLES));
    return new TaskOwners(kinds);
  }

  /** The kinds of task, in report order. */
  List<String> kinds() {
    return kinds.values().stream().distinct().toList();
  }

  /** The topics a kind of task is counted by. */
  Set<String> topics(String kind) {
    var topics = new TreeSet<String>();
    kinds.forEach((topic, k) -> {
      if (k.equals(kind)) {
        topics.add(topic);
      }
    });
    return topics;
  }

  /**
   * Each instance's tasks of every kind (possibly none), as the partitions that count them. A member is an
   * instance's when its client id is one of the instance's stream threads' names and a dash;
   * throws {@link IllegalStateException} naming a member that is no instance's.
   *
   * @param threads each instance's stream thread names, in order
   */
  Map<String, Map<String, Set<TopicPartition>>> split(Map<String, List<String>> threads, Collection<Member> members) {
    var split = new LinkedHashMap<String, Map<String, Set<TopicPartition>>>();
    threads.keySet().forEach(instance -> {
      var byKind = new LinkedHashMap<String, Set<TopicPartition>>();
      kinds().forEach(kind -> byKind.put(kind, new TreeSet<>(ORDER)));
      split.put(instance, byKind);
    });
    for (var member : members) {
      String instance = threads.entrySet().stream()
          .filter(e -> e.getValue().stream().anyMatch(thread -> member.clientId().startsWith(thread + "-")))
          .map(Map.Entry::getKey).findFirst()
          .orElseThrow(() -> new IllegalStateException("group member " + member.clientId()
              + " is no stream thread of an instance " + threads));
      for (var partition : member.partitions()) {
        String kind = kinds.get(partition.topic());
        if (kind != null) {
          split.get(instance).get(kind).add(partition);
        }
      }
    }
    return split;
  }
}
