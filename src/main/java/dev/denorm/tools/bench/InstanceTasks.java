package dev.denorm.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.denorm.capture.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Which tasks each instance owns, per index. Source: the group's assignment as its coordinator
 * holds it (Admin {@code describeConsumerGroups}: each stream thread's consumer and its
 * partitions), sorted by {@link TaskOwners}; a consumer is tied to its instance by the stream
 * thread names in the instance's {@code GET /status} (Kafka Streams' metadata of its local
 * threads), which also gives each instance's count of active tasks. Read once the group is
 * stable and every instance RUNNING (bounded).
 */
final class InstanceTasks {

  private final AppInstances apps;
  private final Admin admin;
  private final String applicationId;
  private final TaskOwners owners;
  private final Report report;

  InstanceTasks(AppInstances apps, Admin admin, String applicationId, TaskOwners owners, Report report) {
    this.apps = apps;
    this.admin = admin;
    this.applicationId = applicationId;
    this.owners = owners;
    this.report = report;
  }

  /** Reports each instance's active tasks and its tasks of every kind under {@code phase}; never throws. */
  void report(String phase, Duration bound) {
    try {
      var statuses = new LinkedHashMap<String, JsonNode>();
      var split = await(bound, statuses);
      var partitions = new HashMap<String, Integer>();
      for (String kind : owners.kinds()) {
        partitions.put(kind, Topics.partitions(admin, owners.topics(kind)).values().stream().mapToInt(Integer::intValue)
            .sum());
      }
      split.forEach((instance, byKind) -> {
        var status = statuses.get(instance);
        report.add(phase, instance + " active tasks", activeTasks(status), "tasks", "its /status: "
            + threadNames(status).size() + " stream threads");
        byKind.forEach((kind, owned) -> report.add(phase, instance + " " + kind + " tasks", owned.size(), "tasks",
            describe(owned) + "; " + partitions.get(kind) + " in all (" + String.join(", ", owners.topics(kind)) + ")"));
      });
    } catch (Exception e) {
      report.fail(phase, "tasks of each instance", e.toString());
    }
  }

  /** Waits until every instance runs and the group is stable, then splits its assignment; fills {@code statuses}. */
  private Map<String, Map<String, Set<TopicPartition>>> await(Duration bound, Map<String, JsonNode> statuses)
      throws Exception {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      String waiting;
      try {
        statuses.clear();
        var threads = new LinkedHashMap<String, List<String>>();
        for (var instance : apps.all()) {
          var status = apps.status(instance);
          statuses.put(instance.label(), status);
          threads.put(instance.label(), threadNames(status));
          String state = status.path("instance").path("state").asText();
          if (!state.equals("RUNNING")) {
            throw new IllegalStateException(instance.label() + " is " + state);
          }
        }
        var group = admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId)
            .get(10, TimeUnit.SECONDS);
        if (group.groupState() != GroupState.STABLE) {
          throw new IllegalStateException("the group " + applicationId + " is " + group.groupState());
        }
        var members = group.members().stream().map(m -> new TaskOwners.Member(m.clientId(),
            m.assignment().topicPartitions())).toList();
        return owners.split(threads, members);
      } catch (IllegalStateException | IOException | ExecutionException | TimeoutException notYet) {
        waiting = notYet.getMessage();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(waiting + " after " + bound.toSeconds() + " s");
      }
      Thread.sleep(1000); // the poll interval of a bounded wait; /status refreshes every 2 s
    }
  }

  /** The names of an instance's stream threads, from its /status JSON. */
  static List<String> threadNames(JsonNode status) {
    var names = new ArrayList<String>();
    status.path("instance").path("threads").forEach(thread -> names.add(thread.path("name").asText()));
    return names;
  }

  /** Its active tasks over all its stream threads, from its /status JSON. */
  static int activeTasks(JsonNode status) {
    return StreamSupport.stream(status.path("instance").path("threads").spliterator(), false)
        .mapToInt(thread -> thread.path("active").size()).sum();
  }

  /** "partitions 0, 2, 4" of one topic; "topic-partition, ..." of several; "none". */
  static String describe(Set<TopicPartition> owned) {
    if (owned.isEmpty()) {
      return "none";
    }
    if (owned.stream().map(TopicPartition::topic).distinct().count() == 1) {
      return "partitions " + owned.stream().map(p -> Integer.toString(p.partition())).collect(Collectors.joining(", "));
    }
    return owned.stream().map(TopicPartition::toString).collect(Collectors.joining(", "));
  }
}
