package dev.denorm.cdc;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A change event that cannot be turned into a row: bad JSON, an unknown op, a missing key, a
 * column whose value does not fit its type. The message says what is wrong, never the row.
 */
public class MalformedChangeException extends SerializationException {

  public MalformedChangeException(String message) {
    super(message);
  }

  public MalformedChangeException(String message, Throwable cause) {
    super(message, cause);
  }
}
