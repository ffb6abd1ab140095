package dev.denorm.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.denorm.document.ProductDocument;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentAnswerTest {

  private static ProductDocument product(String name, String price) {
    return ProductDocument.newBuilder().setId(7L).setSku("SKU-7").setName(name).setDescription(null)
        .setPrice(new BigDecimal(price)).setTags(List.of("gift")).setUpdatedAt(Instant.parse("2026-02-01T00:00:00.000001Z"))
        .build();
  }

  private static JsonNode json(String text) throws Exception {
    return DocumentAnswer.JSON.readTree(text);
  }

  @Test
  void shouldBeEqualWhenTheEngineHoldsTheSameValuesInAnotherNotation() throws Exception {
    var pipeline = DocumentAnswer.pipelineJson(product("Lamp", "19.90"));
    var engine = json("{\"id\":7,\"sku\":\"SKU-7\",\"name\":\"Lamp\",\"description\":null,\"price\":19.9,"
        + "\"tags\":[\"gift\"],\"updated_at\":\"2026-02-01T00:00:00.000001000Z\"}");

    var answer = DocumentAnswer.of("products", "7", pipeline, engine, "host-a:9464");

    assertThat(answer.get("equal").asBoolean()).as(answer.toString()).isTrue();
    assertThat(answer.get("differences")).isEmpty();
    assertThat(answer.get("owner").asText()).isEqualTo("host-a:9464");
    assertThat(answer.get("pipeline").get("price").decimalValue()).isEqualByComparingTo("19.90");
  }

  @Test
  void shouldNameTheDifferingFieldWhenTheEngineHoldsAnotherDocument() throws Exception {
    var pipeline = DocumentAnswer.pipelineJson(product("Lamp", "19.90"));
    var engine = pipeline.deepCopy();
    ((ObjectNode) engine).put("name", "Planted");

    var answer = DocumentAnswer.of("products", "7", pipeline, engine, "host-a:9464");

    assertThat(answer.get("equal").asBoolean()).isFalse();
    assertThat(answer.get("differences").get(0).asText()).startsWith("$.name:");
  }

  @Test
  void shouldNotBeEqualWhenOnlyOneSideHoldsTheDocument() {
    var pipeline = DocumentAnswer.pipelineJson(product("Lamp", "19.90"));

    assertThat(DocumentAnswer.of("products", "7", pipeline, null, "a:1").get("equal").asBoolean()).isFalse();
    assertThat(DocumentAnswer.of("products", "7", null, pipeline, "a:1").get("equal").asBoolean()).isFalse();
    assertThat(DocumentAnswer.of("products", "7", null, null, "a:1").get("pipeline").isNull()).isTrue();
  }
}
