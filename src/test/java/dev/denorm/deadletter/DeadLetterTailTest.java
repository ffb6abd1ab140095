package dev.denorm.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What the status page shows of a dead letter: its error type and origin, never its reason. */
class DeadLetterTailTest {

  private static ConsumerRecord<byte[], byte[]> letter() {
    return new ConsumerRecord<>("denorm.dead-letter", 0, 3, "1".getBytes(StandardCharsets.UTF_8),
        "{\"price\":\"secret-ish\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldShowTheEngineErrorTypeAndOriginOfASinkLetterButNotItsReason() {
    var letter = letter();
    DeadLetterHeaders.addSource(letter.headers(), "documents.orders", 1, 42,
        "failed to parse field [price]. Preview of field's value: 'secret-ish'");
    DeadLetterHeaders.add(letter.headers(), DeadLetterHeaders.INDEX, "orders");
    DeadLetterHeaders.add(letter.headers(), DeadLetterHeaders.ERROR_TYPE, "document_parsing_exception");

    assertThat(DeadLetterTail.error(letter)).isEqualTo("document_parsing_exception at documents.orders-1@42");
  }

  @Test
  void shouldShowTheExceptionTypeAndOriginOfAChangeEventLetterButNotItsReason() {
    var letter = letter();
    DeadLetterHeaders.addSource(letter.headers(), "pg.shop.orders", 0, 7, "column total should be decimal but is 'abc'");
    DeadLetterHeaders.add(letter.headers(), DeadLetterHeaders.EXCEPTION, "dev.denorm.cdc.MalformedChangeException");

    assertThat(DeadLetterTail.error(letter)).isEqualTo("MalformedChangeException at pg.shop.orders-0@7");
  }

  @Test
  void shouldSayDeadLetterForOneWithoutHeaders() {
    assertThat(DeadLetterTail.error(letter())).isEqualTo("dead letter");
  }
}
