package dev.denorm.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.config.StreamsDefaults;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class ProductionDeadLetterHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RecordTooLargeException TOO_LARGE = new RecordTooLargeException(
      "The message is 2000123 bytes when serialized which is larger than 1048576, the value of max.request.size");

  private final ProductionDeadLetterHandler handler = new ProductionDeadLetterHandler();

  ProductionDeadLetterHandlerTest() {
    handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "denorm.dead-letter",
        StreamsConfig.APPLICATION_ID_CONFIG, "denorm"));
  }

  /** The context of a record being processed, read at this position; a null topic: a punctuation. */
  private static ErrorHandlerContext context(String topic, int partition, long offset) {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return topic;
      }

      @Override
      public int partition() {
        return partition;
      }

      @Override
      public long offset() {
        return offset;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return "orders-documents";
      }

      @Override
      public TaskId taskId() {
        return new TaskId(1, partition);
      }

      @Override
      public long timestamp() {
        return 0;
      }

      @Override
      public byte[] sourceRawKey() {
        return null;
      }

      @Override
      public byte[] sourceRawValue() {
        return null;
      }
    };
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, int valueBytes) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), new byte[valueBytes]);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldSetAsideARoutingRecordOverMaxRequestSizeKeyedByItsSourcePositionAndGoOn() throws Exception {
    var response = handler.handleError(context("pg.shop.orders", 2, 17),
        record("denorm-orders-lines-repartition", "7", 2_000_000), TOO_LARGE);

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).hasSize(1);
    var letter = response.deadLetterQueueRecords().getFirst();
    assertThat(letter.topic()).isEqualTo("denorm.dead-letter");
    assertThat(new String(letter.key(), StandardCharsets.UTF_8))
        .isEqualTo("pg.shop.orders-2@17/denorm-orders-lines-repartition");
    var value = JSON.readTree(letter.value());
    assertThat(value.get("topic").asText()).isEqualTo("denorm-orders-lines-repartition");
    assertThat(value.get("value_bytes").asInt()).isEqualTo(2_000_000);
    assertThat(value.get("source").asText()).isEqualTo("pg.shop.orders-2@17");
    assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo("pg.shop.orders");
    assertThat(header(letter, DeadLetterHeaders.PARTITION)).isEqualTo("2");
    assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo("17");
    assertThat(header(letter, DeadLetterHeaders.ERROR_TYPE)).isEqualTo("too_large");
    assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).isEqualTo(RecordTooLargeException.class.getName());
    assertThat(header(letter, DeadLetterHeaders.MESSAGE)).contains("2000000 bytes", "max.request.size");
    assertThat(header(letter, DeadLetterHeaders.KEY)).isEqualTo("7");
  }

  @Test
  void shouldKeyADocumentEmittedByAPunctuationByItsContent() {
    var first = handler.handleError(context(null, -1, -1), record("documents.orders", "7", 2_000_000), TOO_LARGE);
    var again = handler.handleError(context(null, -1, -1), record("documents.orders", "7", 2_000_000), TOO_LARGE);
    var other = handler.handleError(context(null, -1, -1), record("documents.orders", "8", 2_000_000), TOO_LARGE);

    String key = new String(first.deadLetterQueueRecords().getFirst().key(), StandardCharsets.UTF_8);
    assertThat(key).startsWith("documents.orders#").hasSize("documents.orders#".length() + 32);
    assertThat(again.deadLetterQueueRecords().getFirst().key()).asString(StandardCharsets.UTF_8).isEqualTo(key);
    assertThat(other.deadLetterQueueRecords().getFirst().key()).asString(StandardCharsets.UTF_8).isNotEqualTo(key);
    var letter = first.deadLetterQueueRecords().getFirst();
    assertThat(header(letter, DeadLetterHeaders.TOPIC)).as("nothing was read").isNull();
    assertThat(header(letter, DeadLetterHeaders.MESSAGE)).contains("documents.orders");
  }

  @Test
  void shouldStopOnAStoreChangelogTheDeadLetterTopicAndTheBrokersOwnErrors() {
    var context = context("pg.shop.orders", 0, 1);
    assertThat(handler.handleError(context, record("denorm-orders-rows-changelog", "7", 10), TOO_LARGE).result())
        .isEqualTo(Result.FAIL);
    assertThat(handler.handleError(context, record("denorm.dead-letter", "7", 10), TOO_LARGE).result())
        .isEqualTo(Result.FAIL);
    Response broker = handler.handleError(context, record("documents.orders", "7", 10),
        new NotEnoughReplicasException("not enough in-sync replicas"));
    assertThat(broker.result()).isEqualTo(Result.FAIL);
    assertThat(broker.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void shouldSetAsideARecordThatCannotBeSerialized() {
    var response = handler.handleSerializationError(context("pg.shop.orders", 0, 3),
        new ProducerRecord<>("documents.orders", "7", new byte[5]), new SerializationException("bad"),
        SerializationExceptionOrigin.VALUE);

    assertThat(response.result()).isEqualTo(Result.RESUME);
    var letter = response.deadLetterQueueRecords().getFirst();
    assertThat(header(letter, DeadLetterHeaders.ERROR_TYPE)).isEqualTo("serialization_error");
    assertThat(header(letter, DeadLetterHeaders.KEY)).isEqualTo("7");
  }

  @Test
  void shouldBeTheApplicationsProductionExceptionHandler() {
    assertThat(StreamsDefaults.properties().get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG))
        .isEqualTo(ProductionDeadLetterHandler.class.getName());
  }
}
