package dev.denorm.cdc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Confluent's wire format: magic byte 0, the writer schema's registry id (4 bytes, big-endian),
 * the Avro binary datum. Written here because Confluent's serde is not on Maven Central and
 * Apicurio's reads ids through Apicurio's own API, not the Confluent one a Confluent registry
 * speaks; the format is these five bytes, and org.apache.avro does the rest.
 */
public final class ConfluentWireFormat {

  /** One datum and the schema it was written with. */
  public record Datum(int schemaId, Schema schema, Object value) {}

  private static final byte MAGIC = 0;
  private static final int HEADER = 5;

  private ConfluentWireFormat() {}

  public static Datum read(byte[] bytes, SchemaRegistry registry) {
    if (bytes.length < HEADER || bytes[0] != MAGIC) {
      throw new MalformedChangeException("not the Confluent Avro wire format (" + (bytes.length < HEADER ? bytes.length
          + " bytes" : "magic byte " + bytes[0]) + "): are the connector's converters Avro? (denorm.source.format=avro)");
    }
    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    Schema schema = registry.schema(id);
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
      Object value = new GenericDatumReader<>(schema, schema, GenericData.get()).read(null, decoder);
      if (!decoder.isEnd()) {
        throw new MalformedChangeException("bytes left over after the Avro datum of schema id " + id);
      }
      return new Datum(id, schema, value);
    } catch (IOException | AvroRuntimeException e) {
      throw new MalformedChangeException("not an Avro datum of schema id " + id + ": " + e.getMessage());
    }
  }

  /** The bytes a Confluent-compatible serializer writes for this datum. */
  public static byte[] write(int schemaId, Schema schema, Object value) {
    var out = new ByteArrayOutputStream();
    out.write(MAGIC);
    out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    try {
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<>(schema, GenericData.get()).write(value, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
