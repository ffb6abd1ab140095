package dev.denorm.serde;

import org.apache.avro.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for Avro generated classes in Avro's own single-object encoding: a two-byte marker, the
 * 8-byte fingerprint of the writer schema, then the binary record. No schema registry is needed:
 * bytes of an older writer schema are read by resolution with the schema from {@link SchemaHistory}.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

  private final Class<T> type;
  private final Schema encoderSchema;
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;

  private AvroSerde(Class<T> type) {
    this.type = type;
    var schema = SpecificData.get().getSchema(type);
    this.encoderSchema = schema;
    var model = SpecificData.getForClass(type);
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    // bytes of an earlier writer schema are resolved against this one through the history
    this.decoder = new BinaryMessageDecoder<>(model, schema, SchemaHistory.global());
  }

  public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
    return new AvroSerde<>(type);
  }

  /** The schema of the generated class: what is written, and what older bytes are resolved to. */
  public Schema schema() {
    return encoderSchema;
  }

  public Class<T> type() {
    return type;
  }

  public byte[] toBytes(T value) {
    if (value == null) {
      return null;
    }
    try {
      ByteBuffer buffer = encoder.encode(value);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public T fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return decoder.decode(bytes);
    } catch (MissingSchemaException e) {
      throw new SerializationException("Cannot decode " + type.getSimpleName() + " (" + bytes.length + " bytes):"
          + " written with a schema this application does not know (" + e.getMessage() + "); the schema history"
          + " topic should hold every schema ever written, so state and topics were written by a version that"
          + " did not record its schemas, or the history topic was deleted: reset the application to rebuild", e);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot decode " + type.getSimpleName() + " (" + bytes.length + " bytes)", e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> toBytes(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> fromBytes(bytes);
  }
}
