package dev.denorm.cdc;

import java.time.LocalTime;
import java.time.DateTimeException;
import java.nio.ByteBuffer;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Turns one column value of a Debezium change event into the Java value of its Avro field.
 * Knows Debezium's encodings: numeric as a string, a double or precise (base64 of the unscaled
 * big-endian bytes, scale in the Connect schema), VariableScaleDecimal; timestamptz as an
 * ISO-8601 string; timestamp as epoch micros (MicroTimestamp), millis (Timestamp) or nanos;
 * date as epoch days; time as micros, millis or nanos of the day; bytea as base64; arrays; NULL.
 * Avro events arrive here as the same JSON nodes ({@link AvroChangeEvents}).
 */
final class ColumnDecoder {

  private static final String DECIMAL = "org.apache.kafka.connect.data.Decimal";
  private static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";

  private ColumnDecoder() {}

  static Object decode(String column, JsonNode value, Schema avro, JsonNode connect) {
    if (value == null || value.isNull()) {
      if (avro.isNullable()) {
        return null;
      }
      throw new WrongJsonTypeException("is NULL but the row schema requires a value (its NOT NULL dropped?)");
    }
    if (avro.getType() == Schema.Type.UNION) {
      return decode(column, value, nonNull(avro), connect);
    }
    try {
      return switch (avro.getType()) {
        case STRING -> text(column, value);
        case LONG -> avro.getLogicalType() == null ? integral(column, value)
            : avro.getLogicalType() instanceof LogicalTypes.TimeMicros ? time(column, value, connect)
            : instant(column, value, avro, connect);
        case INT -> avro.getLogicalType() instanceof LogicalTypes.Date
            ? LocalDate.ofEpochDay(integral(column, value))
            : avro.getLogicalType() instanceof LogicalTypes.TimeMillis ? time(column, value, connect)
            : Math.toIntExact(integral(column, value));
        case BYTES -> avro.getLogicalType() == null ? bytea(column, value) : decimal(column, value, avro, connect);
        case BOOLEAN -> bool(column, value);
        case DOUBLE -> number(column, value).doubleValue();
        case ARRAY -> array(column, value, avro, connect);
        default -> throw new MalformedChangeException("column " + column + " has unsupported row type " + avro.getType());
      };
    } catch (ArithmeticException e) {
      // the column was widened (int to bigint) and now holds a value the row field cannot: a new shape
      throw new WrongJsonTypeException("has a value out of range for the row field's " + avro.getType()
          + " (widened in PostgreSQL? widen the field)");
    }
  }

  /** The schema itself, or of a nullable union its non-null branch. */
  static Schema withoutNull(Schema schema) {
    return schema.getType() == Schema.Type.UNION ? nonNull(schema) : schema;
  }

  static Schema nonNull(Schema union) {
    return union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("union without a non-null branch: " + union));
  }

  private static String text(String column, JsonNode value) {
    if (!value.isTextual()) {
      throw unexpected("a string", value);
    }
    return value.textValue();
  }

  private static boolean bool(String column, JsonNode value) {
    if (!value.isBoolean()) {
      throw unexpected("a boolean", value);
    }
    return value.booleanValue();
  }

  private static BigDecimal number(String column, JsonNode value) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        return new BigDecimal(value.textValue());
      } catch (NumberFormatException e) {
        throw unparsable(column, "a number", value);
      }
    }
    throw unexpected("a number", value);
  }

  /** An integer column's value; ArithmeticException when it is beyond a long (a widened column). */
  private static long integral(String column, JsonNode value) {
    if (!value.isIntegralNumber()) {
      throw unexpected("an integer", value);
    }
    if (!value.canConvertToLong()) {
      throw new ArithmeticException("beyond a long");
    }
    return value.longValue();
  }

  private static BigDecimal decimal(String column, JsonNode value, Schema avro, JsonNode connect) {
    if (!(avro.getLogicalType() instanceof LogicalTypes.Decimal target)) {
      throw new MalformedChangeException("column " + column + " has unsupported row type bytes");
    }
    String connectName = connect == null ? "" : connect.path("name").asText("");
    BigDecimal decoded;
    if (DECIMAL.equals(connectName) && value.isTextual()) {
      int scale = connect.path("parameters").path("scale").asInt(0);
      decoded = new BigDecimal(new BigInteger(base64(column, value.textValue())), scale);
    } else if (value.isObject() && (VARIABLE_SCALE_DECIMAL.equals(connectName) || value.has("scale"))) {
      decoded = new BigDecimal(new BigInteger(base64(column, value.path("value").asText())), value.path("scale").asInt());
    } else if (value.isTextual() && !looksNumeric(value.textValue()) && looksBase64(value.textValue())) {
      throw new MalformedChangeException("column " + column + " holds a numeric in Debezium's precise (base64) encoding"
          + " without a schema to give its scale: use decimal.handling.mode=string, or schemas.enable=true");
    } else {
      decoded = number(column, value);
    }
    try {
      return decoded.setScale(target.getScale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      // a larger scale in PostgreSQL than in the row schema: a new shape, not a bad value
      throw new WrongJsonTypeException("has value " + decoded.toPlainString() + ", which does not fit the row field's scale "
          + target.getScale() + " without rounding");
    }
  }

  /** bytea: base64, as the JsonConverter writes Connect bytes. */
  private static ByteBuffer bytea(String column, JsonNode value) {
    if (!value.isTextual()) {
      throw unexpected("base64 text (bytea)", value);
    }
    try {
      return ByteBuffer.wrap(Base64.getDecoder().decode(value.textValue()));
    } catch (IllegalArgumentException e) {
      throw new MalformedChangeException("column " + column + " is not valid base64 for a bytea");
    }
  }

  private static boolean looksNumeric(String text) {
    try {
      new BigDecimal(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean looksBase64(String text) {
    try {
      Base64.getDecoder().decode(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] base64(String column, String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedChangeException("column " + column + " is not valid base64 for a precise numeric");
    }
  }

  private static Instant instant(String column, JsonNode value, Schema avro, JsonNode connect) {
    if (value.isTextual()) {
      Instant utc = UtcTimestamp.parse(value.textValue());
      if (utc != null) {
        return utc;
      }
      try {
        return OffsetDateTime.parse(value.textValue()).toInstant();
      } catch (DateTimeParseException e) {
        throw unparsable(column, "an ISO-8601 timestamp", value);
      }
    }
    long n = integral(column, value);
    String connectName = connect == null ? "" : connect.path("name").asText("");
    return switch (connectName) {
      case "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp" -> Instant.ofEpochMilli(n);
      case "io.debezium.time.NanoTimestamp" -> Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
      // io.debezium.time.MicroTimestamp, and Debezium's default when there is no schema
      default -> Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000L), Math.floorMod(n, 1_000_000L) * 1000);
    };
  }

  /** time: micros of the day (io.debezium.time.MicroTime, and without a schema), millis (Time) or nanos (NanoTime). */
  private static LocalTime time(String column, JsonNode value, JsonNode connect) {
    long n = integral(column, value);
    String connectName = connect == null ? "" : connect.path("name").asText("");
    long nanos = switch (connectName) {
      case "io.debezium.time.Time", "org.apache.kafka.connect.data.Time" -> n * 1_000_000L;
      case "io.debezium.time.NanoTime" -> n;
      default -> n * 1_000L;
    };
    try {
      return LocalTime.ofNanoOfDay(nanos);
    } catch (DateTimeException e) {
      throw new MalformedChangeException("column " + column + " value " + n + " is not a time of day");
    }
  }

  private static List<Object> array(String column, JsonNode value, Schema avro, JsonNode connect) {
    if (!value.isArray()) {
      throw unexpected("an array", value);
    }
    JsonNode itemConnect = connect == null ? null : connect.get("items");
    List<Object> items = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      items.add(decode(column + "[]", item, avro.getElementType(), itemConnect));
    }
    return items;
  }

  /** The value has another JSON type than the column's row type is sent as: the column was retyped. */
  private static MalformedChangeException unexpected(String expected, JsonNode value) {
    return new WrongJsonTypeException("should be " + expected + " but is a JSON " + value.getNodeType());
  }

  /** Text the column's type is sent as, that does not parse as that type: a bad event, not a new shape. */
  private static MalformedChangeException unparsable(String column, String expected, JsonNode value) {
    return new MalformedChangeException("column " + column + " should be " + expected + " but is " + abbreviated(value));
  }

  private static String abbreviated(JsonNode value) {
    String text = value.toString();
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  /** A JSON type other than the column's (ChangeEventDecoder names the table and column). */
  static final class WrongJsonTypeException extends MalformedChangeException {
    WrongJsonTypeException(String message) {
      super(message);
    }
  }
}
