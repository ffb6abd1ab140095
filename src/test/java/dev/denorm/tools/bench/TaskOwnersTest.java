package dev.denorm.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TaskOwnersTest {

  private static final String ONE = "denorm-1111-StreamThread-";
  private static final String TWO = "denorm-2222-StreamThread-";

  private final TaskOwners owners = TaskOwners.of(
      ordered("orders", "denorm-orders-repair", "products", "denorm-products-repair"),
      ordered("orders", "documents.orders", "products", "documents.products"),
      List.of("pg.shop.orders", "pg.shop.products"));

  @Test
  void shouldCountAnIndexsAssemblyTasksByItsRepairTopicsPartitionsPerInstance() {
    var split = owners.split(threads(), List.of(
        member(ONE + "1-consumer", tp("denorm-orders-repair", 0), tp("denorm-orders-root-repartition", 0),
            tp("denorm-orders-repair", 2), tp("pg.shop.orders", 0)),
        member(ONE + "2-consumer", tp("denorm-orders-repair", 4), tp("documents.orders", 0)),
        member(TWO + "1-consumer", tp("denorm-orders-repair", 1), tp("denorm-orders-repair", 3),
            tp("denorm-orders-repair", 5), tp("denorm-products-repair", 0), tp("pg.shop.products", 0)),
        member(TWO + "2-consumer")));

    assertThat(split.get("instance 1").get("orders assembly"))
        .containsExactly(tp("denorm-orders-repair", 0), tp("denorm-orders-repair", 2), tp("denorm-orders-repair", 4));
    assertThat(split.get("instance 2").get("orders assembly"))
        .containsExactly(tp("denorm-orders-repair", 1), tp("denorm-orders-repair", 3), tp("denorm-orders-repair", 5));
    assertThat(split.get("instance 1").get("products assembly")).isEmpty();
    assertThat(split.get("instance 2").get("products assembly")).containsExactly(tp("denorm-products-repair", 0));
    assertThat(split.get("instance 1").get("orders sink")).containsExactly(tp("documents.orders", 0));
    assertThat(split.get("instance 1").get(TaskOwners.CHANGE_TABLES)).containsExactly(tp("pg.shop.orders", 0));
    assertThat(split.get("instance 2").get(TaskOwners.CHANGE_TABLES)).containsExactly(tp("pg.shop.products", 0));
  }

  @Test
  void shouldListTheKindsInReportOrderWithTheTopicsThatCountThem() {
    assertThat(owners.kinds()).containsExactly("orders assembly", "products assembly", "orders sink", "products sink",
        TaskOwners.CHANGE_TABLES);
    assertThat(owners.topics(TaskOwners.CHANGE_TABLES)).containsExactly("pg.shop.orders", "pg.shop.products");
  }

  @Test
  void shouldNotTakeThreadTenForThreadOneWhenMatchingMembersToInstances() {
    var threads = new LinkedHashMap<String, List<String>>();
    threads.put("instance 1", List.of(ONE + "1"));
    threads.put("instance 2", List.of(ONE + "10"));

    var split = owners.split(threads, List.of(member(ONE + "10-consumer", tp("denorm-orders-repair", 0))));

    assertThat(split.get("instance 1").get("orders assembly")).isEmpty();
    assertThat(split.get("instance 2").get("orders assembly")).hasSize(1);
  }

  @Test
  void shouldRefuseAMemberThatIsNoInstancesStreamThread() {
    assertThatThrownBy(() -> owners.split(threads(), List.of(member("other-StreamThread-1-consumer"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("other-StreamThread-1-consumer");
  }

  private static Map<String, List<String>> threads() {
    var threads = new LinkedHashMap<String, List<String>>();
    threads.put("instance 1", List.of(ONE + "1", ONE + "2"));
    threads.put("instance 2", List.of(TWO + "1", TWO + "2"));
    return threads;
  }

  private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
    var map = new LinkedHashMap<String, String>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static TaskOwners.Member member(String clientId, TopicPartition... partitions) {
    return new TaskOwners.Member(clientId, List.of(partitions));
  }

  private static TopicPartition tp(String topic, int partition) {
    return new TopicPartition(topic, partition);
  }
}
