package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.denorm.config.AppConfig;
import dev.denorm.config.HttpSettings;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.Indexes;
import dev.denorm.testing.OracleWait;
import dev.denorm.testing.Sql;
import dev.denorm.testkit.TempDirs;
import dev.denorm.testing.ShopStack;
import dev.denorm.verify.SearchDocuments;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one group with the default settings, started together on a fresh stack: each
 * owns assembling tasks of every index (the default gives each index several routing partitions),
 * the tasks of each index together cover every partition, and the documents equal the oracle,
 * after the snapshot and after changes. Then, the group stopped, a start with another
 * {@code denorm.partitions} stops before Kafka Streams runs, naming the key, the count the routing
 * topics have and the reset.
 */
class GroupSharesWorkIT {

  private static final String APPLICATION_ID = "denorm";

  @Test
  void shouldGiveEachInstanceWorkOfEveryIndexWithTheDefaultsAndRefuseAnotherPartitionCountAfterwards()
      throws Exception {
    var config = AppConfig.from(Map.of(HttpSettings.PORT, "0", "commit.interval.ms", "500"));
    int partitions = config.topology().partitions();
    var stateA = TempDirs.create("denorm-group-a-");
    var stateB = TempDirs.create("denorm-group-b-");
    var stateC = TempDirs.create("denorm-group-c-");
    try (var stack = ShopStack.start(config, 20);
        var search = new SearchDocuments(stack.endpoints().searchUrl())) {
      var indexes = new TreeSet<>(Indexes.of(config).names());
      try (var a = DenormApp.start(config, stack.endpoints(), Optional.of(stateA));
          var b = DenormApp.start(config, stack.endpoints(), Optional.of(stateB))) {
        var shares = await("each instance assembles part of every index").atMost(Duration.ofSeconds(90))
            .failFast("an instance failed", () -> a.failed() || b.failed())
            .until(() -> Map.of("a", assembling(a), "b", assembling(b)),
                owned -> a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING
                    && owned.values().stream().allMatch(byIndex -> byIndex.keySet().equals(indexes)));
        System.out.println("assembling partitions by instance and index: " + shares);
        for (String index : indexes) {
          var both = new TreeSet<>(shares.get("a").get(index));
          both.addAll(shares.get("b").get(index));
          assertThat(both).as(index + ": the partitions both instances assemble").hasSize(partitions);
          assertThat(shares.get("a").get(index)).as(index + ": no partition on both instances")
              .doesNotContainAnyElementsOf(shares.get("b").get(index));
        }

        OracleWait.until(a, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(120));
        try (var c = stack.endpoints().connect()) {
          Sql.exec(c, "UPDATE shop.products SET name = name || ' (renamed)'");
          Sql.exec(c, "UPDATE shop.orders SET status = 'SHIPPED' WHERE id % 2 = 0");
          Sql.exec(c, "UPDATE shop.customers SET email = 'group-' || id || '@example.com'");
        }
        OracleWait.until(b, stack.endpoints(), search, Indexes.of(config), Duration.ofSeconds(60));
        assertThat(a.failed() || b.failed()).as("an instance failed").isFalse();
      }

      int other = partitions == 2 ? 3 : 2;
      var changed = config.with(Map.of(TopologySettings.PARTITIONS, Integer.toString(other)));
      assertThatThrownBy(() -> DenormApp.start(changed, stack.endpoints(), Optional.of(stateC)).close())
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("Invalid value " + other + " for configuration denorm.partitions: ")
          .hasMessageContaining("of " + partitions + " partitions (" + APPLICATION_ID + "-")
          .hasMessageContaining("set denorm.partitions=" + partitions)
          .hasMessageContaining("reset the application");
    } finally {
      TempDirs.delete(stateA);
      TempDirs.delete(stateB);
      TempDirs.delete(stateC);
    }
  }

  /** Per index, the partitions of its routing topics that the instance's assembling tasks read, as active tasks. */
  private static Map<String, Set<Integer>> assembling(DenormApp app) {
    var byIndex = new TreeMap<String, Set<Integer>>();
    for (var thread : app.streams().metadataForLocalThreads()) {
      for (var task : thread.activeTasks()) {
        for (var partition : task.topicPartitions()) {
          String topic = partition.topic();
          if (topic.startsWith(APPLICATION_ID + "-") && topic.endsWith("-routes-repartition")) {
            String index = topic.substring(APPLICATION_ID.length() + 1, topic.length() - "-routes-repartition".length());
            byIndex.computeIfAbsent(index, i -> new TreeSet<>()).add(partition.partition());
          }
        }
      }
    }
    return byIndex;
  }
}
