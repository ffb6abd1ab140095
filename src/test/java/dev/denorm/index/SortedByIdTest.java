package dev.denorm.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SortedByIdTest {

  record Item(long id, String value) {}

  @Test
  void shouldInsertInIdOrderAndReplaceItemWithSameId() {
    var items = List.of(new Item(1, "a"), new Item(5, "b"));

    var inserted = SortedById.upsert(items, new Item(3, "c"), Item::id);
    var replaced = SortedById.upsert(inserted, new Item(5, "B"), Item::id);

    assertThat(inserted).extracting(Item::id).containsExactly(1L, 3L, 5L);
    assertThat(replaced).containsExactly(new Item(1, "a"), new Item(3, "c"), new Item(5, "B"));
    assertThat(items).as("input untouched").hasSize(2);
  }

  @Test
  void shouldRemoveOnlyTheItemWithTheId() {
    var items = List.of(new Item(1, "a"), new Item(2, "b"));

    assertThat(SortedById.remove(items, 1, Item::id)).containsExactly(new Item(2, "b"));
    assertThat(SortedById.remove(items, 9, Item::id)).isEqualTo(items);
  }
}
