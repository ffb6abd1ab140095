package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.assembly.AssemblyTopology;
import dev.denorm.assembly.plans.CustomerTreeIndex;
import dev.denorm.config.AppConfig;
import dev.denorm.config.TopologySettings;
import dev.denorm.index.Indexes;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class RoutingPartitionsTest {

  @Test
  void shouldAcceptChangeTopicsThatAgree() {
    assertThatCode(() -> RoutingPartitions.requireUniform(0, Map.of("pg.shop.orders", 3, "pg.shop.order_lines", 3)))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldFailNamingTheTopicsAndTheKeyWhenChangeTopicsDisagree() {
    assertThatThrownBy(() -> RoutingPartitions.requireUniform(0, Map.of("pg.shop.orders", 3, "pg.shop.order_lines", 1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("denorm.partitions")
        .hasMessageContaining("pg.shop.order_lines=1")
        .hasMessageContaining("pg.shop.orders=3");
  }

  @Test
  void shouldAcceptAnyChangeTopicsWhenThePartitionsAreConfigured() {
    assertThatCode(() -> RoutingPartitions.requireUniform(6, Map.of("pg.shop.orders", 3, "pg.shop.order_lines", 1)))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldAcceptRoutingTopicsOfTheRoutingCountAndNoneAtAll() {
    assertThatCode(() -> RoutingPartitions.requireExisting(6, 6, Map.of("denorm-orders-root-repartition", 6,
        "denorm-orders-root-changelog", 6))).doesNotThrowAnyException();
    assertThatCode(() -> RoutingPartitions.requireExisting(6, 6, Map.of())).doesNotThrowAnyException();
  }

  @Test
  void shouldFailNamingTheKeyTheOldCountAndTheResetWhenRoutingTopicsWereCreatedWithOneBeforeTheDefaultChanged() {
    assertThatThrownBy(() -> RoutingPartitions.requireExisting(6, 6, Map.of("denorm-orders-root-repartition", 1,
        "denorm-orders-lines-repartition", 1, "denorm-orders-dirty-changelog", 1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Invalid value 6 for configuration denorm.partitions: ")
        .hasMessageContaining("3 topics of 1 partition (denorm-orders-lines-repartition, ...)")
        .hasMessageContaining("set denorm.partitions=1")
        .hasMessageContaining("reset the application and delete each instance's state.dir");
  }

  @Test
  void shouldSayWhatZeroGivesWhenTheChangeTopicsDecideTheCount() {
    assertThatThrownBy(() -> RoutingPartitions.requireExisting(0, 3, Map.of("denorm-orders-root-repartition", 1)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("0 means as many partitions as the change topics have, 3")
        .hasMessageContaining("1 topic of 1 partition (denorm-orders-root-repartition)")
        .hasMessageContaining("set denorm.partitions=1");
  }

  @Test
  void shouldOfferOnlyTheResetWhenExistingRoutingTopicsDisagreeAmongThemselves() {
    // e.g. an index added under the new default next to indexes made under the old one
    assertThatThrownBy(() -> RoutingPartitions.requireExisting(6, 6, Map.of("denorm-orders-root-repartition", 1,
        "denorm-books-root-repartition", 6)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("1 topic of 1 partition (denorm-orders-root-repartition)")
        .hasMessageNotContaining("set denorm.partitions=")
        .hasMessageContaining("reset the application");
  }

  /**
   * What the start checks is what Kafka Streams creates with the routing count: every repartition
   * topic, and the changelog of every store of the sub-topologies that read them (the commit
   * counter aside, which is in memory), of the production topology, relation trees included.
   */
  @Test
  void shouldCheckEveryRoutingTopicAndAssemblingChangelogOfTheProductionTopology() {
    var config = AppConfig.from(Map.of());
    var shop = Indexes.of(config);
    var tree = Indexes.of(new CustomerTreeIndex());
    assertThat(routedTopics(shop)).contains("denorm-orders-routes-repartition", "denorm-orders-lines-changelog")
        .doesNotContain("denorm-pg.shop.orders", "denorm-table-orders-changelog");
    assertThat(routedTopics(tree)).contains("denorm-customer-tree-lines-by-parent-repartition",
        "denorm-customer-tree-lines-owners-changelog");
    for (var indexes : List.of(shop, tree)) {
      var expected = new TreeSet<String>();
      for (var subtopology : DenormTopology.build(config, indexes).describe().subtopologies()) {
        var sources = new TreeSet<String>();
        var stores = new TreeSet<String>();
        for (var node : subtopology.nodes()) {
          if (node instanceof TopologyDescription.Source source) {
            sources.addAll(source.topicSet());
          } else if (node instanceof TopologyDescription.Processor processor) {
            stores.addAll(processor.stores());
          }
        }
        if (sources.stream().anyMatch(topic -> topic.endsWith("-repartition"))) {
          sources.stream().filter(topic -> topic.endsWith("-repartition")).forEach(topic -> expected.add("denorm-" + topic));
          stores.stream().filter(store -> !store.endsWith("-commits"))
              .forEach(store -> expected.add("denorm-" + store + "-changelog"));
        }
      }
      assertThat(routedTopics(indexes)).isEqualTo(expected);
    }
  }

  private static TreeSet<String> routedTopics(Indexes indexes) {
    var topics = new TreeSet<String>();
    indexes.all().forEach(index -> topics.addAll(AssemblyTopology.routedTopics("denorm", index)));
    return topics;
  }

  @Test
  void shouldGiveEachIndexSeveralRoutingPartitionsByDefault() {
    assertThat(TopologySettings.defaults().partitions()).isGreaterThan(1);
  }
}
