package dev.denorm.cdc;

import org.apache.avro.generic.GenericData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads Avro change events (Confluent wire format, schemas from the registry) into the payload
 * and Connect schema the JsonConverter would give, so rows are decoded by the same code for both
 * formats: a value as its JSON node (decimals exact, bytes as base64 as the JsonConverter writes
 * them), and per field the Connect type name the converter keeps in {@code connect.name}
 * (io.debezium.time.MicroTimestamp, ...), which says how to read numbers as times.
 */
final class AvroChangeEvents implements ChangeEventReader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final SchemaRegistry registry;

  AvroChangeEvents(SchemaRegistry registry) {
    this.registry = registry;
  }

  @Override
  public DebeziumJson.Unwrapped read(byte[] bytes, String what) {
    var datum = ConfluentWireFormat.read(bytes, registry);
    return new DebeziumJson.Unwrapped(value(datum.value(), datum.schema()), connectSchema(datum.schema()));
  }

  static JsonNode value(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    Schema type = schema.getType() == Schema.Type.UNION ? branch(value, schema) : schema;
    return switch (type.getType()) {
      case RECORD -> {
        ObjectNode node = NODES.objectNode();
        var record = (GenericRecord) value;
        type.getFields().forEach(f -> node.set(f.name(), value(record.get(f.pos()), f.schema())));
        yield node;
      }
      case ARRAY -> {
        ArrayNode node = NODES.arrayNode();
        ((Collection<?>) value).forEach(item -> node.add(value(item, type.getElementType())));
        yield node;
      }
      case MAP -> {
        ObjectNode node = NODES.objectNode();
        ((Map<?, ?>) value).forEach((k, v) -> node.set(k.toString(), value(v, type.getValueType())));
        yield node;
      }
      case BYTES, FIXED -> {
        byte[] bytes = bytes(value);
        yield type.getLogicalType() instanceof LogicalTypes.Decimal decimal
            ? NODES.numberNode(new BigDecimal(new BigInteger(bytes), decimal.getScale()))
            : NODES.textNode(Base64.getEncoder().encodeToString(bytes));
      }
      case INT -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case STRING, ENUM -> NODES.textNode(value.toString());
      case NULL -> NODES.nullNode();
      case UNION -> throw new IllegalStateException("nested union");
    };
  }

  /** The Connect-like schema DebeziumJson.fieldSchema and ColumnDecoder read: field, name, parameters, fields, items. */
  static JsonNode connectSchema(Schema schema) {
    Schema type = ColumnDecoder.withoutNull(schema);
    ObjectNode node = NODES.objectNode();
    Object connectName = type.getObjectProp("connect.name");
    if (connectName != null) {
      node.put("name", connectName.toString());
    }
    if (type.getObjectProp("connect.parameters") instanceof Map<?, ?> parameters) {
      ObjectNode params = node.putObject("parameters");
      parameters.forEach((k, v) -> params.put(k.toString(), String.valueOf(v)));
    }
    if (type.getType() == Schema.Type.RECORD) {
      ArrayNode fields = node.putArray("fields");
      for (Schema.Field field : type.getFields()) {
        fields.add(((ObjectNode) connectSchema(field.schema())).put("field", field.name()));
      }
    } else if (type.getType() == Schema.Type.ARRAY) {
      node.set("items", connectSchema(type.getElementType()));
    }
    return node;
  }

  private static Schema branch(Object value, Schema union) {
    int index = GenericData.get().resolveUnion(union, value);
    return union.getTypes().get(index);
  }

  private static byte[] bytes(Object value) {
    if (value instanceof ByteBuffer buffer) {
      var copy = buffer.duplicate();
      byte[] out = new byte[copy.remaining()];
      copy.get(out);
      return out;
    }
    return ((GenericFixed) value).bytes();
  }
}
