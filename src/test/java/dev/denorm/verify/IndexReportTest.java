package dev.denorm.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldListMissingExtraAndDifferentIds() throws Exception {
    var expected = Map.of("1", JSON.readTree("{\"a\":1}"), "2", JSON.readTree("{\"a\":2}"), "3", JSON.readTree("{\"a\":3}"));
    var actual = Map.of("2", JSON.readTree("{\"a\":2.0}"), "3", JSON.readTree("{\"a\":4}"), "9", JSON.readTree("{}"));
    var report = IndexReport.compare("orders", expected, actual);
    assertThat(report.missing()).containsExactly("1");
    assertThat(report.extra()).containsExactly("9");
    assertThat(report.different()).containsOnlyKeys("3");
    assertThat(report.matches()).isFalse();
    assertThat(report.describe(10)).contains("missing ids:   1", "extra ids:     9", "different id 3");
  }

  @Test
  void shouldMatchWhenEqualByValue() throws Exception {
    var report = IndexReport.compare("products", Map.of("1", JSON.readTree("{\"p\":1.50}")),
        Map.of("1", JSON.readTree("{\"p\":1.5}")));
    assertThat(report.matches()).isTrue();
    assertThat(report.describe(10)).contains("OK");
  }
}
