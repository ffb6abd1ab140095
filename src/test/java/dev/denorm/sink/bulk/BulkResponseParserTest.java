package dev.denorm.sink.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Parses and classifies _bulk responses captured from the real engines by
 * {@link CaptureBulkResponses}: one written, one stale replay, a bad field value, an unknown field,
 * a delete of a missing document, a delete, a write to a missing index.
 */
class BulkResponseParserTest {

  private static List<ItemResult> parse(String resource, int expected) throws IOException {
    try (InputStream in = BulkResponseParserTest.class.getResourceAsStream(resource)) {
      return BulkResponseParser.parse(in, expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"opensearch", "elasticsearch"})
  void shouldClassifyEveryItemOfAMixedResponseByItsErrorType(String engine) throws IOException {
    var items = parse(engine + "-mixed.json", 7);

    assertThat(items).extracting(ItemResult::outcome).containsExactly(
        Outcome.SUCCESS, Outcome.STALE, Outcome.REJECT, Outcome.REJECT, Outcome.SUCCESS, Outcome.SUCCESS,
        Outcome.RETRY);
    assertThat(items.get(1).errorType()).isEqualTo("version_conflict_engine_exception");
    assertThat(items.get(2).errorType()).isIn("mapper_parsing_exception", "document_parsing_exception");
    assertThat(items.get(2).status()).isEqualTo(400);
    assertThat(items.get(3).errorType()).isEqualTo("strict_dynamic_mapping_exception");
    assertThat(items.get(3).reason()).contains("unknown_field");
    assertThat(items.get(6).errorType()).isEqualTo("index_not_found_exception");
  }

  @ParameterizedTest
  @ValueSource(strings = {"opensearch", "elasticsearch"})
  void shouldTreatEveryItemAsWrittenWhenTheResponseHasNoErrors(String engine) throws IOException {
    assertThat(parse(engine + "-all-written.json", 2)).containsExactly(ItemResult.OK, ItemResult.OK);
  }

  @Test
  void shouldFailWhenTheResponseHasFewerItemsThanActions() {
    assertThatThrownBy(() -> parse("opensearch-mixed.json", 8)).isInstanceOf(IOException.class)
        .hasMessageContaining("7 items for 8 actions");
  }

  @Test
  void shouldFailOnABodyThatIsNotABulkResponse() {
    var html = new ByteArrayInputStream("[1,2]".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> BulkResponseParser.parse(html, 1)).isInstanceOf(IOException.class);
  }
}
