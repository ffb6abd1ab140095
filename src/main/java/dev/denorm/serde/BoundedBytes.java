package dev.denorm.serde;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Bytes as they are, for the topics the application writes its data to (routing and document
 * topics), refusing a value the producer would refuse: one over the producer's
 * {@code max.request.size}, less {@value #ROOM} bytes for the key, the headers and the batch
 * around it. It fails in serialization, before the producer sees it, with a
 * {@link RecordTooLargeException} that the production exception handler sets aside. Why not let
 * the producer refuse it: under {@code exactly_once_v2} a record the producer refuses puts the
 * task's transaction into an abortable error, so every send after it fails, its dead letter's too,
 * and the thread dies; a value that fails to serialize is never sent.
 */
public final class BoundedBytes implements Serializer<byte[]> {

  /** Bytes of a record besides its value: key (an id), headers (a few), record and batch framing. */
  static final int ROOM = 1024;

  private final int maxRequestSize;

  BoundedBytes(int maxRequestSize) {
    this.maxRequestSize = maxRequestSize;
  }

  /** The serde for values the application's producer, as these Kafka Streams settings configure it, writes. */
  public static Serde<byte[]> serde(Properties streamsProperties) {
    return Serdes.serdeFrom(new BoundedBytes(maxRequestSize(streamsProperties)), new ByteArrayDeserializer());
  }

  /** The producer's {@code max.request.size} (or its {@code producer.} override), or Kafka's default. */
  static int maxRequestSize(Properties streamsProperties) {
    Object configured = new StreamsConfig(streamsProperties).getProducerConfigs("denorm")
        .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    Object value = configured != null ? configured
        : ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    return (Integer) ConfigDef.parseType(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, value, ConfigDef.Type.INT);
  }

  @Override
  public byte[] serialize(String topic, byte[] value) {
    if (value != null && value.length > maxRequestSize - ROOM) {
      throw new RecordTooLargeException("the value is " + value.length + " bytes, more than the " + (maxRequestSize - ROOM)
          + " the producer's max.request.size of " + maxRequestSize + " leaves it (" + ROOM
          + " bytes for the key, headers and framing)");
    }
    return value;
  }
}
