package dev.denorm.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.index.ShopTables;
import dev.denorm.row.ProductRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeTableAggregatorTest {

  private final ChangeTableAggregator<ProductRow> aggregator = new ChangeTableAggregator<>(ShopTables.PRODUCTS);

  private static ProductRow product(String description, List<String> tags) {
    return new ProductRow(1L, "S", "N", description, new BigDecimal("1.00"), tags, Instant.EPOCH);
  }

  @Test
  void shouldKeepPreviousValueOfUnavailableColumns() {
    var previous = product("long text", List.of("a"));
    var change = new RowChange<>(product(null, null), Set.of("description", "tags"));

    ProductRow merged = aggregator.apply(RowKey.of(1L), change, previous);

    assertThat(merged.getDescription()).isEqualTo("long text");
    assertThat(merged.getTags()).containsExactly("a");
  }

  @Test
  void shouldUseEmptyValuesWhenNoPreviousRowIsKnown() {
    ProductRow merged = aggregator.apply(RowKey.of(1L), new RowChange<>(product(null, null), Set.of("description", "tags")), null);

    assertThat(merged.getDescription()).isNull();
    assertThat(merged.getTags()).isEmpty();
  }

  @Test
  void shouldRemoveRowOnDelete() {
    assertThat(aggregator.apply(RowKey.of(1L), RowChange.deleted(), product("x", List.of()))).isNull();
  }
}
