package dev.denorm.sink.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Generates an index mapping from a document's Avro schema. Rules:
 * <ul>
 *   <li>string: {@code keyword} (ids, codes, e-mails, statuses, kinds, SKUs, countries, postal
 *       codes), unless the schema field says {@code "search":"text"}: {@code text} with a
 *       {@code keyword} sub-field, for words people search in, with the field's
 *       {@code "analyzer"} if it names one (e.g. {@code "english"});</li>
 *   <li>long, int, double, float, boolean: the same-named type ({@code integer} for int);</li>
 *   <li>decimal(p, s): {@code scaled_float} with scaling_factor 10^s, which stores the exact
 *       cents as a long; on an engine without it, {@code double} (the _source stays exact);</li>
 *   <li>timestamp-micros and timestamp-millis: {@code date}. Not {@code date_nanos}: it only holds
 *       1970 to 2262, while documents hold years 1 to 9999, so a 1969 timestamp would be rejected.
 *       The index keeps milliseconds; _source keeps the microseconds as sent;</li>
 *   <li>date: {@code date} with format {@code strict_date} ({@code YYYY-MM-DD});</li>
 *   <li>a record: an object; an array of records: {@code nested}; an array of scalars: the scalar's type;</li>
 *   <li>a nullable union: its non-null branch. The mapping is {@code "dynamic":"strict"}.</li>
 * </ul>
 */
public final class EngineMappings {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final boolean scaledFloat;

  /** @param scaledFloat whether the engine has the scaled_float type (mapper-extras) */
  public EngineMappings(boolean scaledFloat) {
    this.scaledFloat = scaledFloat;
  }

  /** The {@code mappings} object for a document schema. */
  public ObjectNode mappingFor(Schema document) {
    var mappings = JSON.objectNode();
    mappings.put("dynamic", "strict");
    mappings.set("properties", properties(document));
    return mappings;
  }

  private ObjectNode properties(Schema record) {
    var properties = JSON.objectNode();
    for (Schema.Field field : record.getFields()) {
      properties.set(field.name(), fieldMapping(field, nonNull(field.schema())));
    }
    return properties;
  }

  private ObjectNode fieldMapping(Schema.Field field, Schema schema) {
    if (schema.getType() == Schema.Type.ARRAY) {
      Schema items = nonNull(schema.getElementType());
      if (items.getType() == Schema.Type.RECORD) {
        var nested = JSON.objectNode().put("type", "nested");
        nested.set("properties", properties(items));
        return nested;
      }
      return fieldMapping(field, items);
    }
    if (schema.getType() == Schema.Type.RECORD) {
      var object = JSON.objectNode().put("type", "object");
      object.set("properties", properties(schema));
      return object;
    }
    var logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return scaledFloat
          ? JSON.objectNode().put("type", "scaled_float").put("scaling_factor", Math.pow(10, decimal.getScale()))
          : JSON.objectNode().put("type", "double");
    }
    if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.TimestampMillis) {
      return JSON.objectNode().put("type", "date").put("format", "strict_date_optional_time");
    }
    if (logical instanceof LogicalTypes.Date) {
      return JSON.objectNode().put("type", "date").put("format", "strict_date");
    }
    return switch (schema.getType()) {
      case STRING, ENUM -> isText(field) ? text(field) : JSON.objectNode().put("type", "keyword");
      case LONG -> JSON.objectNode().put("type", "long");
      case INT -> JSON.objectNode().put("type", "integer");
      case DOUBLE -> JSON.objectNode().put("type", "double");
      case FLOAT -> JSON.objectNode().put("type", "float");
      case BOOLEAN -> JSON.objectNode().put("type", "boolean");
      default -> throw new IllegalArgumentException("field " + field.name() + " of type " + schema.getType()
          + " has no search mapping; give it a logical type or change the document schema");
    };
  }

  private static boolean isText(Schema.Field field) {
    Object search = field.getObjectProp("search");
    if (search == null || "keyword".equals(search)) {
      return false;
    }
    if (!"text".equals(search)) {
      throw new IllegalArgumentException("field " + field.name() + " has \"search\":\"" + search
          + "\"; say \"text\" (full text with a keyword sub-field) or \"keyword\" (the default)");
    }
    return true;
  }

  private static ObjectNode text(Schema.Field field) {
    var text = JSON.objectNode().put("type", "text");
    if (field.getObjectProp("analyzer") instanceof String analyzer) {
      text.put("analyzer", analyzer);
    }
    text.putObject("fields").putObject("keyword").put("type", "keyword").put("ignore_above", 256);
    return text;
  }

  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    var branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
    if (branches.size() != 1) {
      throw new IllegalArgumentException("only [null, X] unions can be mapped, not " + schema);
    }
    return branches.getFirst();
  }
}
