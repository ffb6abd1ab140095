package dev.denorm.cdc;

import dev.denorm.config.TopologySettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.apache.avro.Schema;

/**
 * Recognises Debezium's marker for a column that PostgreSQL left out of an update because it was
 * unchanged and stored out of line (TOAST), in the form Debezium gives it for the column's type:
 * text, varchar, json and jsonb the placeholder string; bytea its bytes (base64 in JSON); a text
 * array one element holding the string (a uuid array: the name-based UUID of its bytes); a
 * numeric array one element per placeholder byte.
 *
 * <p>Only an update can carry it ({@code mayBeToasted}): an insert, a snapshot read and a delete
 * always carry the whole row, so there a value equal to the placeholder is the real value. The
 * recommended placeholder ({@link #RECOMMENDED}) holds a NUL, a character PostgreSQL
 * text, varchar, json, jsonb and their arrays cannot hold, so for those types no real value can
 * equal it even in an update. bytea and numeric arrays can hold any bytes: there, only an update
 * to exactly the placeholder's bytes could be mistaken for an unchanged value.
 */
public final class ToastPlaceholder {

  /** The recommended placeholder, the default of {@code denorm.toast.placeholder}. */
  public static final String RECOMMENDED = TopologySettings.RECOMMENDED_TOAST_PLACEHOLDER;

  private final String text;
  private final byte[] bytes;
  private final String base64;
  private final String uuid;

  public ToastPlaceholder(String text) {
    this.text = text;
    this.bytes = text.getBytes(StandardCharsets.UTF_8);
    this.base64 = Base64.getEncoder().encodeToString(bytes);
    this.uuid = UUID.nameUUIDFromBytes(bytes).toString();
  }

  /** Whether the value of a column whose row field has this schema is the placeholder. */
  public boolean matches(JsonNode value, Schema field) {
    Schema type = ColumnDecoder.withoutNull(field);
    return switch (type.getType()) {
      case STRING -> value.isTextual() && text.equals(value.textValue());
      case BYTES -> type.getLogicalType() == null && value.isTextual() && base64.equals(value.textValue());
      case ARRAY -> value.isArray() && matchesArray(value, ColumnDecoder.withoutNull(type.getElementType()));
      default -> false;
    };
  }

  private boolean matchesArray(JsonNode array, Schema element) {
    return switch (element.getType()) {
      case STRING -> array.size() == 1 && array.get(0).isTextual()
          && (text.equals(array.get(0).textValue()) || uuid.equals(array.get(0).textValue()));
      case INT, LONG, DOUBLE -> array.size() == bytes.length && sameNumbers(array);
      default -> false;
    };
  }

  private boolean sameNumbers(JsonNode array) {
    for (int i = 0; i < bytes.length; i++) {
      JsonNode item = array.get(i);
      if (!item.isNumber() || item.doubleValue() != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text.replace("\u0000", "\\u0000");
  }
}
