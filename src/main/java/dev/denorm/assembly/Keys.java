package dev.denorm.assembly;

/**
 * The one routed key that is no row key: the snapshot-end mark ({@code RowUpdate.snapshotEnd}),
 * empty. Every row key ({@link dev.denorm.cdc.RowKey}) has at least one column.
 */
final class Keys {

  static final byte[] EMPTY = new byte[0];
  static final byte[] SNAPSHOT_END = EMPTY;

  private Keys() {}

  /** Whether a routed record is the snapshot-end mark rather than a row. */
  static boolean isSnapshotEnd(byte[] key) {
    return key != null && key.length == 0;
  }
}
