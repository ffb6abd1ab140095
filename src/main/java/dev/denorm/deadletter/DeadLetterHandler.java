package dev.denorm.deadletter;

import dev.denorm.cdc.MalformedChangeException;
import dev.denorm.cdc.SchemaRegistry;
import dev.denorm.cdc.IncompatibleColumnException;
import dev.denorm.cdc.TruncateEventException;
import dev.denorm.cdc.TruncateDetection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a change event that cannot be decoded to the dead-letter topic, unchanged, keyed by where
 * it was read ({@link DeadLetterKey}), with where it came from, why and its own key in headers
 * ({@link DeadLetterHeaders}), logs
 * the key (never the row) and lets processing go on; so too an event that decoded but cannot be
 * applied (a row change without a key). A TRUNCATE that is reported, not applied
 * ({@code denorm.truncate.mode=report}), is logged as an error that says what the operator must do.
 * An event whose table changed shape so that the indexes cannot read it
 * ({@link IncompatibleColumnException}) is not set aside: the application stops at it, saying which
 * column, table and indexes, and what to do; it resumes there once started with a matching topology.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
  private static final int MAX_LOGGED_KEY = 200;

  private String deadLetterTopic;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " must name the dead-letter topic");
    }
    deadLetterTopic = topic.toString();
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    Exception reason = TruncateDetection.isTruncate(record.value()) && !(exception instanceof TruncateEventException)
        ? new TruncateEventException(record.topic()) : exception;
    String where = record.topic() + " partition " + record.partition() + " offset " + record.offset();
    if (reason instanceof IncompatibleColumnException || reason instanceof SchemaRegistry.RegistryUnavailableException) {
      LOG.error("Stopping at the change event at {} key {}: {}", where, printable(record.key()), reason.getMessage());
      return DeserializationExceptionHandler.Response.fail();
    }
    if (reason instanceof TruncateEventException) {
      LOG.error("{} (event at {}; sent to dead-letter topic {})", reason.getMessage(), where, deadLetterTopic);
    } else {
      LOG.error("Malformed change event at {} key {}: {}. Sent to dead-letter topic {}; processing goes on.",
          where, printable(record.key()), reason.getMessage(), deadLetterTopic);
    }
    var headers = new RecordHeaders(record.headers().toArray());
    DeadLetterHeaders.addSource(headers, record.topic(), record.partition(), record.offset(),
        String.valueOf(reason.getMessage()));
    DeadLetterHeaders.add(headers, DeadLetterHeaders.EXCEPTION, reason.getClass().getName());
    if (record.key() != null) {
      headers.add(DeadLetterHeaders.KEY, record.key());
    }
    // Keyed by source position, so the same event dead-lettered again after a replay replaces this one
    // in the compacted topic; never a null value, which compaction would take for a tombstone.
    byte[] key = DeadLetterKey.of(record.topic(), record.partition(), record.offset()).getBytes(StandardCharsets.UTF_8);
    byte[] value = record.value() == null ? new byte[0] : record.value();
    var deadLetter = new ProducerRecord<>(deadLetterTopic, null, key, value, headers);
    return DeserializationExceptionHandler.Response.resume(List.of(deadLetter));
  }

  /**
   * A change event that decoded but cannot be applied (a row change without a key) goes to the
   * dead-letter topic as read; any other processing failure stops the application, as by default.
   */
  @Override
  public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
      Exception exception) {
    Throwable malformed = exception;
    while (malformed != null && !(malformed instanceof MalformedChangeException)) {
      malformed = malformed.getCause();
    }
    if (malformed == null) {
      LOG.error("Processing failed in {} at {} partition {} offset {}; stopping", context.processorNodeId(),
          context.topic(), context.partition(), context.offset(), exception);
      return ProcessingExceptionHandler.Response.fail();
    }
    var source = new ConsumerRecord<>(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
        context.sourceRawValue());
    context.headers().forEach(h -> source.headers().add(h));
    var response = handleError(context, source, (MalformedChangeException) malformed);
    return ProcessingExceptionHandler.Response.resume(response.deadLetterQueueRecords());
  }

  private static String printable(byte[] key) {
    if (key == null) {
      return "(none)";
    }
    String text = new String(key, StandardCharsets.UTF_8);
    return text.length() <= MAX_LOGGED_KEY ? text : text.substring(0, MAX_LOGGED_KEY) + "...";
  }
}
