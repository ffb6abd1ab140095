package dev.denorm.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DocumentComparatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void shouldTreatNumbersWithDifferentScaleAsEqual() throws Exception {
    assertThat(DocumentComparator.differences(json("{\"p\":19.90,\"q\":2}"), json("{\"p\":19.9,\"q\":2.0}"))).isEmpty();
  }

  @Test
  void shouldTreatTimestampsAsInstants() throws Exception {
    assertThat(DocumentComparator.differences(json("{\"t\":\"2026-03-01T09:30:00.000000Z\"}"),
        json("{\"t\":\"2026-03-01T09:30:00Z\"}"))).isEmpty();
    assertThat(DocumentComparator.differences(json("{\"t\":\"2026-03-01T09:30:00.000001Z\"}"),
        json("{\"t\":\"2026-03-01T09:30:00Z\"}"))).hasSize(1);
  }

  @Test
  void shouldReportDifferentNestedValueWithItsPath() throws Exception {
    assertThat(DocumentComparator.differences(json("{\"lines\":[{\"product\":{\"name\":\"A\"}}]}"),
        json("{\"lines\":[{\"product\":{\"name\":\"B\"}}]}")))
        .containsExactly("$.lines[0].product.name: expected \"A\" but was \"B\"");
  }

  @Test
  void shouldCompareArraysInOrder() throws Exception {
    assertThat(DocumentComparator.differences(json("{\"tags\":[\"a\",\"b\"]}"), json("{\"tags\":[\"b\",\"a\"]}")))
        .hasSize(2);
  }

  @Test
  void shouldDistinguishNullFromMissingKeyAndNumberFromString() throws Exception {
    assertThat(DocumentComparator.differences(json("{\"a\":null}"), json("{}"))).hasSize(1);
    assertThat(DocumentComparator.differences(json("{\"a\":1}"), json("{\"a\":\"1\"}"))).hasSize(1);
    assertThat(DocumentComparator.differences(json("{}"), json("{\"extra\":1}"))).hasSize(1);
  }
}
