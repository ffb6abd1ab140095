package dev.denorm.cdc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads the JSON that Debezium's JsonConverter writes, with or without the
 * {@code {"schema":..,"payload":..}} wrapper ({@code schemas.enable}).
 */
final class DebeziumJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      // exact decimals; integers come as int, long or (beyond a long) BigInteger nodes, as they fit
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** The payload and, when the converter wrote one, its Connect schema (else null). */
  record Unwrapped(JsonNode payload, JsonNode schema) {}

  private DebeziumJson() {}

  static Unwrapped read(byte[] bytes, String what) {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new MalformedChangeException(what + " is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedChangeException(what + " cannot be read: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw new MalformedChangeException(what + " is empty");
    }
    if (node.isObject() && node.size() == 2 && node.has("schema") && node.has("payload")) {
      JsonNode schema = node.get("schema");
      return new Unwrapped(node.get("payload"), schema.isNull() ? null : schema);
    }
    return new Unwrapped(node, null);
  }

  /** The Connect schema of one field of a struct schema, or null. */
  static JsonNode fieldSchema(JsonNode structSchema, String field) {
    if (structSchema == null || !structSchema.has("fields")) {
      return null;
    }
    for (JsonNode f : structSchema.get("fields")) {
      if (field.equals(f.path("field").asText())) {
        return f;
      }
    }
    return null;
  }
}
