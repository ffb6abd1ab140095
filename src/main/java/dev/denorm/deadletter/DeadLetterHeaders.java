package dev.denorm.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * The one header scheme of every dead letter, whichever stage wrote it (a change event that cannot
 * be decoded, a document the engine rejected): where the record came from and why, under the names
 * Kafka Streams' own dead-letter queue uses, and for the sink also the index, the document id and
 * the engine's error type. The value is the record as it was read, unchanged.
 */
public final class DeadLetterHeaders {

  /** The topic, partition and offset the record was read from. */
  public static final String TOPIC = "__streams.errors.topic";
  public static final String PARTITION = "__streams.errors.partition";
  public static final String OFFSET = "__streams.errors.offset";
  /** Why, in words. */
  public static final String MESSAGE = "__streams.errors.message";
  /** The exception class that said why (change events), absent for an engine rejection. */
  public static final String EXCEPTION = "__streams.errors.exception";
  /** The sink's: the index, the document id and the engine's error type (e.g. document_parsing_exception). */
  public static final String INDEX = "denorm.index";
  public static final String ID = "denorm.id";
  public static final String ERROR_TYPE = "denorm.error.type";
  /**
   * The failed record's own key (a change event's, or a record Kafka Streams could not write): the
   * dead letter is keyed by its source position ({@link DeadLetterKey}) instead.
   */
  public static final String KEY = "denorm.key";

  private DeadLetterHeaders() {}

  /** Adds where the record came from and why. */
  public static Headers addSource(Headers headers, String topic, int partition, long offset, String message) {
    add(headers, TOPIC, topic);
    add(headers, PARTITION, Integer.toString(partition));
    add(headers, OFFSET, Long.toString(offset));
    return add(headers, MESSAGE, message);
  }

  /** Adds a header unless the value is null. */
  public static Headers add(Headers headers, String key, String value) {
    return value == null ? headers : headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
