package dev.denorm.cdc;

/** Recognises a Debezium truncate event from its raw value, whatever else is wrong with the record. */
public final class TruncateDetection {

  private TruncateDetection() {}

  public static boolean isTruncate(byte[] value) {
    if (value == null) {
      return false;
    }
    try {
      var payload = DebeziumJson.read(value, "change event value").payload();
      return payload.isObject() && "t".equals(payload.path("op").asText());
    } catch (MalformedChangeException e) {
      return false;
    }
  }
}
