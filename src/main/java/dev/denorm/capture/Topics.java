package dev.denorm.capture;

import dev.denorm.config.KafkaClients;
import org.apache.kafka.common.errors.TopicExistsException;
import java.util.concurrent.TimeoutException;
import java.util.HashMap;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Creates topics that do not exist yet. Kafka Streams fails with MissingSourceTopicException
 * when a source topic is missing, e.g. before the connector's snapshot reaches a table.
 */
public final class Topics {

  private Topics() {}

  /** Short timeouts: at start an unreachable broker is reported (and waited for) within seconds. */
  private static final Map<String, Object> QUICK = Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);

  public static void ensure(KafkaClients clients, Collection<String> names, int partitions, boolean compacted)
      throws ExecutionException, InterruptedException {
    try (var admin = clients.admin("topics")) {
      ensure(admin, names, partitions, compacted);
    }
  }

  /** As above, through an Admin client of the caller's. */
  public static void ensure(Admin admin, Collection<String> names, int partitions, boolean compacted)
      throws ExecutionException, InterruptedException {
    var missing = new HashSet<>(names);
    missing.removeAll(admin.listTopics().names().get());
    var topics = missing.stream()
        .map(name -> new NewTopic(name, partitions, (short) -1)
            .configs(compacted ? Map.of("cleanup.policy", "compact") : Map.of()))
        .toList();
    if (!topics.isEmpty()) {
      try {
        admin.createTopics(topics).all().get();
      } catch (ExecutionException e) {
        // created meanwhile by another instance starting at the same moment: as good
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  /** The partition count of each of the topics that exists. */
  public static Map<String, Integer> partitions(KafkaClients clients, Collection<String> names)
      throws ExecutionException, InterruptedException {
    try (var admin = clients.admin("topics", QUICK)) {
      return partitions(admin, names);
    }
  }

  /** As above, through an Admin client of the caller's. */
  public static Map<String, Integer> partitions(Admin admin, Collection<String> names)
      throws ExecutionException, InterruptedException {
    var counts = new HashMap<String, Integer>();
    var existing = new HashSet<>(names);
    existing.retainAll(admin.listTopics().names().get());
    admin.describeTopics(existing).allTopicNames().get().forEach((name, d) -> counts.put(name, d.partitions().size()));
    return counts;
  }

  /**
   * An identity of each of the topics that exists, {@code <topic id>:<partitions>}: it changes when
   * the topic is created anew (a new id) or its partition count changes.
   */
  public static Map<String, String> ids(KafkaClients clients, Collection<String> names)
      throws ExecutionException, InterruptedException {
    try (var admin = clients.admin("topics", QUICK)) {
      var ids = new HashMap<String, String>();
      var existing = new HashSet<>(names);
      existing.retainAll(admin.listTopics().names().get());
      admin.describeTopics(existing).allTopicNames().get().forEach((name, d) -> ids.put(name, d.topicId() + ":" + d.partitions().size()));
      return ids;
    }
  }

  /** The sum of the end offsets of those of the topics that exist (records ever written, for one-partition topics). */
  public static long endOffsets(KafkaClients clients, Collection<String> names)
      throws ExecutionException, InterruptedException {
    try (var admin = clients.admin("topics")) {
      return ends(admin, names).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Records of the topics a consumer group has not committed yet (all of them before its first commit). */
  public static long groupLag(KafkaClients clients, String group, Collection<String> names)
      throws ExecutionException, InterruptedException {
    try (var admin = clients.admin("topics")) {
      return groupLag(admin, group, names);
    }
  }

  /** As above, through an Admin client of the caller's (one that polls keeps its own). */
  public static long groupLag(Admin admin, String group, Collection<String> names)
      throws ExecutionException, InterruptedException {
    return positions(admin, group, names).values().stream().mapToLong(Position::lag).sum();
  }

  /** A partition's end offset and a group's committed offset in it (-1: none committed yet). */
  public record Position(long end, long committed) {

    /** Records the group has yet to read (all of them before its first commit). */
    public long lag() {
      return Math.max(0, end - Math.max(0, committed));
    }
  }

  /** Per partition of those of the topics that exist: its end and the group's committed offset. */
  public static Map<TopicPartition, Position> positions(Admin admin, String group, Collection<String> names)
      throws ExecutionException, InterruptedException {
    var ends = ends(admin, names);
    var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    var positions = new HashMap<TopicPartition, Position>();
    ends.forEach((partition, end) -> {
      var c = committed.get(partition);
      positions.put(partition, new Position(end, c == null ? -1 : c.offset()));
    });
    return positions;
  }

  /** The end offset of every partition of those of the topics that exist. */
  public static Map<TopicPartition, Long> ends(Admin admin, Collection<String> names)
      throws ExecutionException, InterruptedException {
    var existing = new HashSet<>(names);
    existing.retainAll(admin.listTopics().names().get());
    var request = new HashMap<TopicPartition, OffsetSpec>();
    admin.describeTopics(existing).allTopicNames().get().values().forEach(d -> d.partitions().forEach(p ->
        request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    var ends = new HashMap<TopicPartition, Long>();
    admin.listOffsets(request).all().get().forEach((p, info) -> ends.put(p, info.offset()));
    return ends;
  }

  /** Waits until all topics exist, e.g. until the connector's snapshot created them. */
  public static void await(KafkaClients clients, Collection<String> names, Duration timeout)
      throws ExecutionException, InterruptedException, TimeoutException {
    var deadline = System.nanoTime() + timeout.toNanos();
    try (var admin = clients.admin("topics")) {
      while (!admin.listTopics().names().get().containsAll(names)) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("topics " + names + " do not exist after " + timeout
              + "; is the Debezium connector registered and its snapshot running?");
        }
        Thread.sleep(500); // polling interval of a bounded wait
      }
    }
  }
}
