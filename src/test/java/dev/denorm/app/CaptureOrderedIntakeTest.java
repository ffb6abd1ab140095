package dev.denorm.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.AppConfig;
import dev.denorm.index.Indexes;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The connector's snapshot reads the tables one after the other; the app takes them in that order
 * only if one task reads every change topic (oldest record first) and waits for a partition that
 * holds more rather than taking another table's records (docs/decisions/0130).
 */
class CaptureOrderedIntakeTest {

  private final AppConfig config = AppConfig.from(Map.of());

  @Test
  void shouldReadEveryCapturedTableInOneSubTopologySoOneTaskTakesTheirChangesOldestFirst() {
    var indexes = Indexes.of(config);
    List<TopologyDescription.Subtopology> withChangeTopics = DenormTopology.build(config, indexes).describe()
        .subtopologies().stream()
        .filter(sub -> sub.nodes().stream().anyMatch(node -> node.name().endsWith("-apply-changes")))
        .toList();

    assertThat(withChangeTopics).hasSize(1);
    var sources = withChangeTopics.get(0).nodes().stream()
        .filter(TopologyDescription.Source.class::isInstance)
        .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
        .toList();
    assertThat(sources).containsExactlyInAnyOrderElementsOf(indexes.changeTopics(config.topology()));
  }

  @Test
  void shouldWaitForAPartitionKnownToHoldMoreBeforeTakingAnotherTablesRecords() {
    assertThat(config.streamsProperties().getProperty(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo("0");
  }
}
