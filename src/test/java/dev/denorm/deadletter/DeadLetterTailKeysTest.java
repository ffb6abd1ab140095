package dev.denorm.deadletter;

import dev.denorm.testing.EmbeddedKafkaBroker;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the status counts: distinct dead letters by key (no broker: the records are handed in). */
class DeadLetterTailKeysTest {

  private final DeadLetterTail tail = new DeadLetterTail(EmbeddedKafkaBroker.clients("127.0.0.1:1"), "test",
      List.of("denorm.dead-letter", "denorm.sink.dead-letter"));
  private long offset;

  @AfterEach
  void close() {
    tail.close();
  }

  private void read(String key, String index, String type, String message, byte[] value) {
    var headers = new RecordHeaders();
    DeadLetterHeaders.add(headers, DeadLetterHeaders.INDEX, index);
    DeadLetterHeaders.add(headers, DeadLetterHeaders.ERROR_TYPE, type);
    DeadLetterHeaders.add(headers, DeadLetterHeaders.MESSAGE, message);
    var record = new ConsumerRecord<>("denorm.sink.dead-letter", 0, offset++, key == null ? null
        : key.getBytes(StandardCharsets.UTF_8), value);
    headers.forEach(h -> record.headers().add(h));
    tail.count(record);
  }

  private static final byte[] DOCUMENT = "{}".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldCountAPoisonRecordDeadLetteredAgainAfterAReplayOnce() {
    var poison = new DeadLetter("orders", "7", "too_large", "its _bulk lines are 9 bytes", null, "documents.orders", 2, 41);
    read(poison.key(), "orders", "too_large", "first", new byte[0]);
    read(poison.key(), "orders", "too_large", "after the replay", new byte[0]);
    read(new DeadLetter("orders", "8", "x", "y", null, "documents.orders", 2, 42).key(), "orders",
        "mapper_parsing_exception", "failed to parse", DOCUMENT);

    assertThat(tail.ofIndex("orders")).isEqualTo(new DeadLetterCount(2, "mapper_parsing_exception"));
    assertThat(tail.ofIndex("products")).isEqualTo(DeadLetterCount.NONE);
    assertThat(tail.ofChanges()).isEqualTo(DeadLetterCount.NONE);
  }

  @Test
  void shouldKeepTheLiveAndTheBuildIndexLettersOfOneRecordApart() {
    var live = new DeadLetter("orders", "7", "t", "r", DOCUMENT, "documents.orders", 0, 5);
    var build = new DeadLetter("orders-v2", "7", "t", "r", DOCUMENT, "documents.orders", 0, 5);
    assertThat(live.key()).isEqualTo("documents.orders-0@5/orders").isNotEqualTo(build.key());
  }

  @Test
  void shouldForgetALetterATombstoneRemovedAndCountLettersWithoutKeyEach() {
    read("pg.shop.products-0@3", null, null, "not JSON", DOCUMENT);
    read("pg.shop.products-0@4", null, null, "not JSON", DOCUMENT);
    read("pg.shop.products-0@3", null, null, null, null);
    read(null, null, null, "written before letters had keys", DOCUMENT);
    read(null, null, null, "written before letters had keys", DOCUMENT);

    assertThat(tail.ofChanges()).isEqualTo(new DeadLetterCount(3, "dead letter"));
  }
}
