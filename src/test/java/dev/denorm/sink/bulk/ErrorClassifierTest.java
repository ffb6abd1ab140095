package dev.denorm.sink.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorClassifierTest {

  @ParameterizedTest
  @CsvSource({
      "429, es_rejected_execution_exception, RETRY",
      "429, rejected_execution_exception, RETRY",
      "429, circuit_breaking_exception, RETRY",
      "503, unavailable_shards_exception, RETRY",
      "403, cluster_block_exception, RETRY",
      "404, index_not_found_exception, RETRY",
      "403, security_exception, RETRY",
      "400, mapper_parsing_exception, REJECT",
      "400, document_parsing_exception, REJECT",
      "400, strict_dynamic_mapping_exception, REJECT",
      "400, illegal_argument_exception, REJECT",
      "409, version_conflict_engine_exception, STALE",
  })
  void shouldClassifyByErrorType(int status, String type, Outcome expected) {
    assertThat(ErrorClassifier.classify(status, type)).isEqualTo(expected);
  }

  @Test
  void shouldFallBackToTheStatusForAnUnknownType() {
    assertThat(ErrorClassifier.classify(503, "some_new_exception")).isEqualTo(Outcome.RETRY);
    assertThat(ErrorClassifier.classify(429, "some_new_exception")).isEqualTo(Outcome.RETRY);
    assertThat(ErrorClassifier.classify(400, "some_new_exception")).isEqualTo(Outcome.REJECT);
  }

  @Test
  void shouldTreatSuccessAndDeleteOfMissingDocumentAsDone() {
    assertThat(ErrorClassifier.classify(201, null)).isEqualTo(Outcome.SUCCESS);
    assertThat(ErrorClassifier.classify(404, null)).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void shouldNotLookAtTheMessageText() {
    // The same reason text under a different type gives a different outcome: only the type counts.
    assertThat(new ItemResult(400, "mapper_parsing_exception", "version conflict").outcome()).isEqualTo(Outcome.REJECT);
    assertThat(new ItemResult(409, "version_conflict_engine_exception", "failed to parse").outcome())
        .isEqualTo(Outcome.STALE);
  }
}
