package dev.denorm.position;

import java.nio.ByteBuffer;

/**
 * A position mark as it travels between stages, behind the records it covers: every transaction
 * committed at or before {@code position} has had its effects sent by the stage's task
 * {@code partition} (of {@code partitions} tasks that send such marks to the same readers).
 * A reader knows a position only once it has a mark from every one of those tasks ({@link Floor}).
 */
public record Mark(long position, int partition, int partitions) {

  /**
   * How the key of a mark in a document topic starts, the sending partition after it: no document
   * id starts with NUL (PostgreSQL text cannot hold one). Every reader of a document topic skips them.
   */
  public static final String DOCUMENT_KEY_PREFIX = "\u0000position/";

  /** Whether a document topic's key is a mark's. */
  public static boolean isDocumentKey(String key) {
    return key != null && key.startsWith(DOCUMENT_KEY_PREFIX);
  }

  /** The size of a mark's value: position, partition, partitions. */
  public static final int SIZE = 16;

  public Mark {
    if (partitions < 1 || partition < 0 || partition >= partitions) {
      throw new IllegalArgumentException("a mark's partition " + partition + " must be one of its " + partitions);
    }
  }

  public byte[] bytes() {
    return ByteBuffer.allocate(SIZE).putLong(position).putInt(partition).putInt(partitions).array();
  }

  /** The mark in a record value, or an exception naming the size found. */
  public static Mark of(byte[] value) {
    if (value == null || value.length != SIZE) {
      throw new IllegalArgumentException("a position mark's value has " + SIZE + " bytes, not "
          + (value == null ? "none" : value.length));
    }
    var buffer = ByteBuffer.wrap(value);
    return new Mark(buffer.getLong(), buffer.getInt(), buffer.getInt());
  }
}
