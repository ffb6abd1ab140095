package dev.denorm.assembly;

import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Bytes;

/**
 * Store and routing keys: one, two or three ids, each 8 bytes big-endian with the sign bit
 * flipped, so that byte order is numeric order (children come out of a prefix scan sorted by id)
 * and the first id is a prefix (all children of a document, all references to a row).
 */
final class Keys {

  static final byte[] EMPTY = new byte[0];
  /** The routing key of a snapshot-end mark ({@code RowUpdate.snapshotEnd}): no id at all. */
  static final byte[] SNAPSHOT_END = EMPTY;

  private Keys() {}

  /** Whether a routed record is the snapshot-end mark rather than a row (every row key has an id). */
  static boolean isSnapshotEnd(byte[] key) {
    return key != null && key.length == 0;
  }

  static byte[] of(long id) {
    return ByteBuffer.allocate(8).putLong(id ^ Long.MIN_VALUE).array();
  }

  static byte[] of(long first, long second) {
    return ByteBuffer.allocate(16).putLong(first ^ Long.MIN_VALUE).putLong(second ^ Long.MIN_VALUE).array();
  }

  static byte[] of(long first, long second, long third) {
    return ByteBuffer.allocate(24).putLong(first ^ Long.MIN_VALUE).putLong(second ^ Long.MIN_VALUE)
        .putLong(third ^ Long.MIN_VALUE).array();
  }

  /** The id at position {@code index} (0, 1, 2) of a key. */
  static long id(byte[] key, int index) {
    return ByteBuffer.wrap(key, index * 8, 8).getLong() ^ Long.MIN_VALUE;
  }

  static Bytes bytes(long id) {
    return Bytes.wrap(of(id));
  }
}
