package dev.denorm.assembly;

import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one routed key that is no row key: the snapshot-end mark ({@code RowUpdate.snapshotEnd}),
 * empty (every row key, {@link dev.denorm.cdc.RowKey}, has at least one column); and the byte-level
 * key work of the stores.
 */
final class Keys {

  static final byte[] EMPTY = new byte[0];
  static final byte[] SNAPSHOT_END = EMPTY;
  /**
   * The key of a position mark ({@link dev.denorm.position.Mark}): one byte that starts no row key
   * (each column of one starts with its type, {@link dev.denorm.cdc.RowKey}).
   */
  static final byte[] POSITION = {0x7F};

  private Keys() {}

  /** Two encoded keys one after the other (a row key under its parent's or document's). */
  static byte[] concat(byte[] first, byte[] second) {
    byte[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  /**
   * Puts {@code value} under {@code key} (null: deletes it) unless the store holds it already.
   *
   * @return what the store held before, or {@code unchanged} when it held {@code value} already
   */
  static byte[] replace(KeyValueStore<Bytes, byte[]> store, byte[] key, byte[] value, byte[] unchanged) {
    var storeKey = Bytes.wrap(key);
    byte[] before = store.get(storeKey);
    if (value == null ? before == null : Arrays.equals(before, value)) {
      return unchanged;
    }
    if (value == null) {
      store.delete(storeKey);
    } else {
      store.put(storeKey, value);
    }
    return before;
  }

  /** Whether a routed record (untagged) is a position mark rather than a row. */
  static boolean isPosition(byte[] key) {
    return key != null && key.length == 1 && key[0] == POSITION[0];
  }

  /** Whether a routed record is the snapshot-end mark rather than a row. */
  static boolean isSnapshotEnd(byte[] key) {
    return key != null && key.length == 0;
  }
}
