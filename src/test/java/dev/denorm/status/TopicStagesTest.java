package dev.denorm.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.AppConfig;
import dev.denorm.status.StatusReport.TopicLag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which stage, and which index, each topic of the group belongs to (the shop's indexes). */
class TopicStagesTest {

  private final AppConfig config = AppConfig.from(Map.of());
  private final TopicStages stages = new TopicStages(config, "denorm");

  @Test
  void shouldTellChangeRoutingAndDocumentTopicsApartAndIgnoreOthers() {
    String orders = config.topology().changeTopic("orders");
    String documents = config.topology().documentTopic("orders");
    var topics = stages.topics(Set.of(orders, documents, "denorm-orders-lines-repartition",
        "denorm-orders-lines-changelog", "denorm-customers-root-repartition", "other-app-orders-root-repartition", "x"));
    assertThat(topics).containsExactlyInAnyOrder(orders, documents, "denorm-orders-lines-repartition",
        "denorm-customers-root-repartition");
    assertThat(stages.of(orders)).isEqualTo(new TopicStages.Stage("change-tables", null));
    assertThat(stages.of(documents)).isEqualTo(new TopicStages.Stage("sink", "orders"));
    assertThat(stages.of("denorm-orders-lines-repartition")).isEqualTo(new TopicStages.Stage("assembly", "orders"));
  }

  @Test
  void shouldJudgeAnIndexOnlyByTheTopicsItIsReadThrough() {
    String orders = config.topology().changeTopic("orders");
    var lag = List.of(
        new TopicLag(orders, 0, "change-tables", null, 1, 1, 0, 0),
        new TopicLag("denorm-orders-lines-repartition", 0, "assembly", "orders", 1, 1, 0, 0),
        new TopicLag(config.topology().documentTopic("products"), 0, "sink", "products", 1, 1, 0, 0));
    assertThat(stages.ofIndex("orders", lag)).extracting(TopicLag::topic)
        .containsExactly(orders, "denorm-orders-lines-repartition");
    assertThat(stages.ofIndex("products", lag)).extracting(TopicLag::topic)
        .containsExactly(config.topology().documentTopic("products"));
  }
}
