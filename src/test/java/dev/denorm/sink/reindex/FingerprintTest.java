package dev.denorm.sink.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldBeTheSameForTheSameMappingShardsAndTopologyVersion() throws Exception {
    var mapping = JSON.readTree("{\"dynamic\":\"strict\",\"properties\":{\"sku\":{\"type\":\"keyword\"}}}");
    assertThat(Fingerprint.of(mapping, 1, 1)).isEqualTo(Fingerprint.of(mapping.deepCopy(), 1, 1)).hasSize(16);
  }

  @Test
  void shouldChangeWithTheMappingTheShardsOrTheTopologyVersion() throws Exception {
    var keyword = JSON.readTree("{\"properties\":{\"name\":{\"type\":\"keyword\"}}}");
    var text = JSON.readTree("{\"properties\":{\"name\":{\"type\":\"text\"}}}");
    String base = Fingerprint.of(keyword, 1, 1);
    assertThat(Fingerprint.of(text, 1, 1)).isNotEqualTo(base);
    assertThat(Fingerprint.of(keyword, 2, 1)).isNotEqualTo(base);
    assertThat(Fingerprint.of(keyword, 1, 2)).isNotEqualTo(base);
  }
}
