package dev.denorm.sink.bulk;

import dev.denorm.sink.convert.BulkAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Actions waiting to be sent, at most one per document: a newer action for the same document
 * replaces the older one, which it covers (its version is higher). Counts the exact bytes its
 * _bulk body will have ({@link BulkBody#sizeOf}).
 */
final class Batch<T> {

  record Entry<T>(BulkAction action, T token, int bytes) {}

  private final Map<String, Entry<T>> entries = new LinkedHashMap<>();
  private long bytes;
  private long openedNanos;

  static String key(BulkAction action) {
    return action.index() + '\u0000' + action.id();
  }

  /**
   * {@code size}: the action's bytes in the body, {@link BulkBody#sizeOf}.
   *
   * @return the entry the action replaced, or null
   */
  Entry<T> add(BulkAction action, T token, int size) {
    if (entries.isEmpty()) {
      openedNanos = System.nanoTime();
    }
    var previous = entries.put(key(action), new Entry<>(action, token, size));
    if (previous != null) {
      bytes -= previous.bytes();
    }
    bytes += size;
    return previous;
  }

  /** The body's bytes if {@code action}, of {@code size} bytes, were added (it may replace one). */
  long bytesWith(BulkAction action, int size) {
    var previous = entries.get(key(action));
    return bytes - (previous == null ? 0 : previous.bytes()) + size;
  }

  boolean isFull(int maxActions, long maxBytes) {
    return entries.size() >= maxActions || bytes >= maxBytes;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  int size() {
    return entries.size();
  }

  long bytes() {
    return bytes;
  }

  long openedNanos() {
    return openedNanos;
  }

  long ageMillis() {
    return (System.nanoTime() - openedNanos) / 1_000_000;
  }

  Iterable<String> keys() {
    return entries.keySet();
  }

  List<Entry<T>> entries() {
    return new ArrayList<>(entries.values());
  }
}
