package dev.denorm.verify;

import org.apache.avro.generic.GenericData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A document record as the JSON the sink writes (docs/documents.md): decimals as exact numbers,
 * timestamp-micros as ISO-8601 UTC strings, unions as their value. Used to check the document
 * topics directly.
 */
final class AvroJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  static JsonNode toJson(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    return switch (schema.getType()) {
      case UNION -> toJson(value, schema.getTypes().get(new GenericData().resolveUnion(schema, value)));
      case RECORD -> {
        var node = NODES.objectNode();
        var record = (GenericRecord) value;
        schema.getFields().forEach(f -> node.set(f.name(), toJson(record.get(f.pos()), f.schema())));
        yield node;
      }
      case ARRAY -> {
        var node = NODES.arrayNode();
        ((Collection<?>) value).forEach(v -> node.add(toJson(v, schema.getElementType())));
        yield node;
      }
      case BYTES, FIXED -> NODES.numberNode(decimal(value, schema));
      case LONG -> value instanceof Instant instant ? NODES.textNode(instant.toString()) : timestampOrLong(value, schema);
      case INT -> NODES.numberNode(((Number) value).intValue());
      case DOUBLE, FLOAT -> NODES.numberNode(((Number) value).doubleValue());
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      default -> NODES.textNode(value.toString());
    };
  }

  private static BigDecimal decimal(Object value, Schema schema) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    var logical = (LogicalTypes.Decimal) schema.getLogicalType();
    return new Conversions.DecimalConversion().fromBytes(((ByteBuffer) value).duplicate(), schema, logical);
  }

  private static JsonNode timestampOrLong(Object value, Schema schema) {
    long n = ((Number) value).longValue();
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMicros) {
      return NODES.textNode(Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000L), Math.floorMod(n, 1_000_000L) * 1000L).toString());
    }
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      return NODES.textNode(Instant.ofEpochMilli(n).toString());
    }
    return NODES.numberNode(n);
  }
}
