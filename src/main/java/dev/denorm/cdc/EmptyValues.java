package dev.denorm.cdc;

import java.util.List;
import org.apache.avro.Schema;

/** The value a column gets when it is unknown: null where allowed, else the type's empty value. */
final class EmptyValues {

  private EmptyValues() {}

  static Object of(Schema schema) {
    if (schema.isNullable()) {
      return null;
    }
    return switch (schema.getType()) {
      case STRING -> "";
      case ARRAY -> List.of();
      default -> throw new MalformedChangeException("no earlier value known for a required " + schema.getType() + " column");
    };
  }
}
