package dev.denorm.sink.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.IndexedRecord;

/**
 * Turns a document (an Avro record generated from avro/documents) into an index action, or a
 * tombstone into a delete action, with the JSON of docs/documents.md: field names as in the schema,
 * nulls kept, decimals as exact plain numbers, timestamps as ISO-8601 UTC with microseconds.
 * Stateless and thread-safe.
 */
public final class DocumentConverter {

  /** Characters outside the BMP are written as 4-byte UTF-8, not as escaped surrogate pairs. */
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private final String index;
  private final String pipeline;

  /**
   * @param index the index or alias the actions write to
   * @param pipeline the ingest pipeline for index actions, or null
   */
  public DocumentConverter(String index, String pipeline) {
    this.index = index;
    this.pipeline = pipeline;
  }

  /** The action for a document, or for a tombstone when {@code document} is null. */
  public BulkAction convert(String id, long version, IndexedRecord document) {
    if (document == null) {
      return new DeleteAction(index, id, version);
    }
    return new IndexAction(index, id, version, toJson(document), pipeline);
  }

  /** The document's JSON as UTF-8 bytes. */
  public static byte[] toJson(IndexedRecord document) {
    var out = new ByteArrayOutputStream(512);
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      writeValue(gen, document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void writeValue(JsonGenerator gen, Object value) throws IOException {
    switch (value) {
      case null -> gen.writeNull();
      case IndexedRecord record -> writeRecord(gen, record);
      case CharSequence text -> gen.writeString(text.toString());
      case BigDecimal decimal -> gen.writeNumber(plain(decimal));
      case Instant instant -> gen.writeString(instant.toString());
      case LocalDate date -> gen.writeString(date.toString()); // YYYY-MM-DD, as PostgreSQL writes a date
      case Integer i -> gen.writeNumber(i);
      case Long l -> gen.writeNumber(l);
      case Boolean b -> gen.writeBoolean(b);
      case Double d -> gen.writeNumber(d);
      case Float f -> gen.writeNumber(f);
      case Collection<?> list -> {
        gen.writeStartArray();
        for (Object element : list) {
          writeValue(gen, element);
        }
        gen.writeEndArray();
      }
      case Map<?, ?> map -> {
        gen.writeStartObject();
        for (var entry : map.entrySet()) {
          gen.writeFieldName(entry.getKey().toString());
          writeValue(gen, entry.getValue());
        }
        gen.writeEndObject();
      }
      case GenericContainer enumOrFixed when enumOrFixed.getSchema().getType() == Schema.Type.ENUM ->
          gen.writeString(enumOrFixed.toString());
      case ByteBuffer bytes -> throw new IllegalArgumentException(
          "raw bytes have no JSON form in docs/documents.md; use the decimal logical type");
      default -> throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  private static void writeRecord(JsonGenerator gen, IndexedRecord record) throws IOException {
    gen.writeStartObject();
    for (Schema.Field field : record.getSchema().getFields()) {
      gen.writeFieldName(field.name());
      writeValue(gen, record.get(field.pos()));
    }
    gen.writeEndObject();
  }

  /** 19.90 -> "19.9", 100.00 -> "100", never exponent notation. */
  static String plain(BigDecimal decimal) {
    return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
  }
}
