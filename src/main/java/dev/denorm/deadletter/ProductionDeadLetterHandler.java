package dev.denorm.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets aside a record Kafka Streams cannot write because of the record itself: over the producer's
 * {@code max.request.size} or the topic's {@code max.message.bytes} ({@link RecordTooLargeException}),
 * refused by the broker as invalid, or failing to serialize. It goes to the dead-letter topic
 * through Kafka Streams' own dead-letter queue, written by the task's producer (so under
 * exactly-once in the task's transaction), and processing goes on. The record itself is too large
 * to carry: the dead letter holds where it was going and how large it was, is keyed by the source
 * position of the record being processed ({@link DeadLetterKey}), and the log names its key.
 *
 * <p>Only records for the application's data topics are set aside, the document and routing
 * topics. A store's changelog must have every write, or the store would differ after a restore,
 * and a dead letter that cannot be written has nowhere else to go: both fail, as does any other
 * error (a broker's), as by default.
 */
public final class ProductionDeadLetterHandler implements ProductionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ProductionDeadLetterHandler.class);
  private static final int MAX_LOGGED_KEY = 200;

  private String deadLetterTopic;
  private String applicationId;

  @Override
  public void configure(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
          + " must name the dead-letter topic");
    }
    deadLetterTopic = topic.toString();
    Object application = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    applicationId = application == null ? "" : application.toString();
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (!recordsFault(exception) || !setsAside(record.topic())) {
      LOG.error("Cannot write a record to {} ({}); stopping", record.topic(), exception.toString());
      return Response.fail();
    }
    return Response.resume(List.of(deadLetter(context, record.topic(), record.key(), record.value(), exception)));
  }

  @Override
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    if (!setsAside(record.topic())) {
      LOG.error("Cannot serialize the {} of a record for {} ({}); stopping", origin.name().toLowerCase(Locale.ROOT),
          record.topic(), exception.toString());
      return Response.fail();
    }
    byte[] key = record.key() instanceof byte[] bytes ? bytes
        : record.key() instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
    byte[] value = record.value() instanceof byte[] bytes ? bytes : null;
    return Response.resume(List.of(deadLetter(context, record.topic(), key, value, exception)));
  }

  /** Errors of the record itself, which sending it again cannot cure; a broker's own errors are not. */
  private static boolean recordsFault(Exception exception) {
    return exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException
        || exception instanceof InvalidRecordException || exception instanceof InvalidTimestampException;
  }

  /** The document and routing topics: not a store's changelog, nor the dead-letter topic itself. */
  private boolean setsAside(String topic) {
    boolean changelog = topic.startsWith(applicationId + "-") && topic.endsWith("-changelog");
    return !changelog && !topic.equals(deadLetterTopic);
  }

  private ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, String topic, byte[] key, byte[] value,
      Exception exception) {
    boolean read = context.topic() != null && context.offset() >= 0;
    String letterKey = read
        ? DeadLetterKey.of(context.topic(), context.partition(), context.offset()) + "/" + topic
        : DeadLetterKey.ofContent(topic, key, value);
    String errorType = exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException
        ? "too_large" : exception instanceof InvalidRecordException || exception instanceof InvalidTimestampException
        ? "invalid_record" : "serialization_error";
    int size = value == null ? -1 : value.length;
    String reason = "a record of " + (size < 0 ? "unknown size" : size + " bytes") + " for " + topic
        + " cannot be written: " + exception.getMessage();
    LOG.error("Cannot write the record with key {} to {} ({}): {}. Sent to dead-letter topic {} as {}; processing goes on.",
        printable(key), topic, size < 0 ? "its size unknown" : size + " bytes", exception.toString(), deadLetterTopic,
        letterKey);
    var headers = new RecordHeaders();
    if (read) {
      DeadLetterHeaders.addSource(headers, context.topic(), context.partition(), context.offset(), reason);
    } else {
      DeadLetterHeaders.add(headers, DeadLetterHeaders.MESSAGE, reason);
    }
    DeadLetterHeaders.add(headers, DeadLetterHeaders.EXCEPTION, exception.getClass().getName());
    DeadLetterHeaders.add(headers, DeadLetterHeaders.ERROR_TYPE, errorType);
    if (key != null) {
      headers.add(DeadLetterHeaders.KEY, key);
    }
    return new ProducerRecord<>(deadLetterTopic, null, letterKey.getBytes(StandardCharsets.UTF_8),
        summary(topic, size, read ? DeadLetterKey.of(context.topic(), context.partition(), context.offset()) : null),
        headers);
  }

  /** The value of the letter: what could not be written, in a few bytes of JSON. */
  private static byte[] summary(String topic, int size, String source) {
    return ("{\"topic\":" + quoted(topic) + ",\"value_bytes\":" + size + ",\"source\":"
        + (source == null ? "null" : quoted(source)) + "}").getBytes(StandardCharsets.UTF_8);
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The key as text if it is text (a document id), else in hex (a routing key's ids). */
  private static String printable(byte[] key) {
    if (key == null) {
      return "(none)";
    }
    String text = new String(key, StandardCharsets.UTF_8);
    if (text.chars().anyMatch(c -> Character.isISOControl(c) || c == '\uFFFD')) {
      text = "0x" + HexFormat.of().formatHex(key);
    }
    return text.length() <= MAX_LOGGED_KEY ? text : text.substring(0, MAX_LOGGED_KEY) + "...";
  }
}
