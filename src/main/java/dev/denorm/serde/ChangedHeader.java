package dev.denorm.serde;

import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Headers;

/**
 * The header a document record carries when it is written because of changes: the timestamp of
 * the oldest change record behind it (when Connect handed that change to Kafka), 8 bytes
 * big-endian ms. The sink measures its freshness from it. Documents re-assembled after a restart
 * have no such header (the marks' timestamps are not kept).
 */
public final class ChangedHeader {

  public static final String NAME = "denorm.changed.ms";

  private ChangedHeader() {}

  public static byte[] bytes(long timestampMs) {
    return ByteBuffer.allocate(Long.BYTES).putLong(timestampMs).array();
  }

  /** The timestamp in the headers, if there is a well-formed one. */
  public static OptionalLong read(Headers headers) {
    return readLong(headers, NAME);
  }

  /** The 8-byte big-endian value of the last header of this name, if there is a well-formed one. */
  static OptionalLong readLong(Headers headers, String name) {
    var header = headers.lastHeader(name);
    if (header == null || header.value() == null || header.value().length != Long.BYTES) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(ByteBuffer.wrap(header.value()).getLong());
  }
}
