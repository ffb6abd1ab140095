package dev.denorm.sink.bulk;

import dev.denorm.sink.convert.BulkAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Actions waiting to be sent, at most one per document: a newer action for the same document
 * replaces the older one, which it covers (its version is higher).
 */
final class Batch<T> {

  record Entry<T>(BulkAction action, T token) {}

  private final Map<String, Entry<T>> entries = new LinkedHashMap<>();
  private long bytes;
  private long openedNanos;

  static String key(BulkAction action) {
    return action.index() + '\u0000' + action.id();
  }

  void add(BulkAction action, T token) {
    if (entries.isEmpty()) {
      openedNanos = System.nanoTime();
    }
    var previous = entries.put(key(action), new Entry<>(action, token));
    if (previous != null) {
      bytes -= previous.action().sizeInBytes();
    }
    bytes += action.sizeInBytes();
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
