package dev.denorm.reconcile;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of a change topic whose last record is not a tombstone: the rows denorm's intake holds,
 * since it applies every record of the topic (a compacted topic keeps a key's last record). Each key
 * as Debezium wrote its bytes, with the partition that holds it. About 120 bytes per key plus the
 * key's own bytes.
 */
final class LiveKeys {

  /** A key's bytes as Debezium wrote them and the partition its records are in. */
  record Live(int partition, byte[] key) {}

  private final Map<ByteBuffer, Integer> live = new HashMap<>();

  /** One record of the topic, in offset order per partition; {@code tombstone}: its value is null. */
  void record(int partition, byte[] key, boolean tombstone) {
    if (key == null) {
      return; // a truncate without its key: no row
    }
    if (tombstone) {
      live.remove(ByteBuffer.wrap(key));
    } else {
      live.put(ByteBuffer.wrap(key), partition);
    }
  }

  int size() {
    return live.size();
  }

  List<Live> keys() {
    var keys = new ArrayList<Live>(live.size());
    live.forEach((key, partition) -> keys.add(new Live(partition, key.array())));
    return keys;
  }
}
