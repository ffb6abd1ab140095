package dev.denorm.assembly;

import java.util.Arrays;

/**
 * An index's routing topic carries the rows of all its relations, so that its assembling task reads
 * them from one partition, in the order they were routed: a routed key is the relation's number
 * (its place in {@link AssemblyTopology#treeOrder}, one byte) followed by the row's store key, or
 * by nothing for the relation's snapshot-end mark.
 */
final class RelationTags {

  /** The most relations an index can have. */
  static final int MAX = 256;

  private RelationTags() {}

  static byte[] tagged(int tag, byte[] key) {
    byte[] tagged = new byte[key.length + 1];
    tagged[0] = (byte) tag;
    System.arraycopy(key, 0, tagged, 1, key.length);
    return tagged;
  }

  /** The relation's number of a routed key. */
  static int tag(byte[] tagged) {
    if (tagged == null || tagged.length == 0) {
      throw new IllegalArgumentException("a routed record without its relation's number in its key");
    }
    return tagged[0] & 0xFF;
  }

  /** The store key (empty for a snapshot-end mark) of a routed key. */
  static byte[] untagged(byte[] tagged) {
    return Arrays.copyOfRange(tagged, 1, tagged.length);
  }
}
