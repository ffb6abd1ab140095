package dev.denorm.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The nested arrays of a document are sorted by the nested row's id. These two operations keep
 * such a list sorted when a nested row is added, changed or removed; inputs are not modified.
 */
public final class SortedById {

  private SortedById() {}

  /** A copy of {@code items} with {@code item} inserted, or replacing the item with its id. */
  public static <T> List<T> upsert(List<T> items, T item, ToLongFunction<T> id) {
    List<T> result = new ArrayList<>(items.size() + 1);
    long itemId = id.applyAsLong(item);
    for (T existing : items) {
      if (id.applyAsLong(existing) != itemId) {
        result.add(existing);
      }
    }
    result.add(item);
    result.sort(Comparator.comparingLong(id));
    return result;
  }

  /** A copy of {@code items} without the item that has {@code removedId}. */
  public static <T> List<T> remove(List<T> items, long removedId, ToLongFunction<T> id) {
    List<T> result = new ArrayList<>(items.size());
    for (T existing : items) {
      if (id.applyAsLong(existing) != removedId) {
        result.add(existing);
      }
    }
    return result;
  }
}
