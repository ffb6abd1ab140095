package dev.denorm.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.status.StatusReport;
import dev.denorm.status.StatusReport.Instance;
import dev.denorm.status.StatusReport.Restoring;
import dev.denorm.status.StatusReport.ThreadTasks;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Comparator;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InstanceTasksTest {

  @Test
  void shouldReadTheStreamThreadsAndActiveTasksFromTheJsonAnInstanceServesAsStatus() throws Exception {
    // the JSON as the app serves it: its StatusReport written by Jackson
    var report = new StatusReport(0, "denorm", true, 5000, 0, new Instance("RUNNING", List.of(
        new ThreadTasks("denorm-1111-StreamThread-1", "RUNNING", List.of("0_0", "6_1", "6_3"), List.of()),
        new ThreadTasks("denorm-1111-StreamThread-2", "RUNNING", List.of("10_0"), List.of("6_2"))), Restoring.NONE),
        null, List.of(), List.of(), null, null);
    var json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsBytes(report));

    assertThat(InstanceTasks.threadNames(json)).containsExactly("denorm-1111-StreamThread-1",
        "denorm-1111-StreamThread-2");
    assertThat(InstanceTasks.activeTasks(json)).as("standby tasks are not counted").isEqualTo(4);
  }

  @Test
  void shouldNameThePartitionsOfOneTopicByNumberAndOfSeveralByTopic() {
    assertThat(InstanceTasks.describe(partitions(new TopicPartition("denorm-orders-repair", 4),
        new TopicPartition("denorm-orders-repair", 0)))).isEqualTo("partitions 0, 4");
    assertThat(InstanceTasks.describe(partitions(new TopicPartition("pg.shop.orders", 0),
        new TopicPartition("pg.shop.customers", 0)))).isEqualTo("pg.shop.customers-0, pg.shop.orders-0");
    assertThat(InstanceTasks.describe(Set.of())).isEqualTo("none");
  }

  private static Set<TopicPartition> partitions(TopicPartition... partitions) {
    var set = new TreeSet<TopicPartition>(Comparator.comparing(TopicPartition::topic)
        .thenComparingInt(TopicPartition::partition));
    set.addAll(List.of(partitions));
    return set;
  }
}
