package dev.denorm.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.cdc.keys.KeyedRow;
import dev.denorm.row.ProductRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RowKeyTest {

  private static final ChangeTable<KeyedRow> COMPOSITE = ChangeTable.of("keyed", KeyedRow.class, "code", "n", "day");

  @Test
  void shouldGiveASingleColumnKeyItsCanonicalTextAsDocumentId() {
    assertThat(RowKey.of(42L).text()).isEqualTo("42");
    assertThat(RowKey.of(-7).text()).isEqualTo("-7");
    assertThat(RowKey.of("SKU-1, blue").text()).as("one column: as is, nothing escaped").isEqualTo("SKU-1, blue");
    assertThat(RowKey.of(UUID.fromString("0B9E2C4A-8F5E-4C51-9D3B-2F1E0C6A7D11")).text())
        .isEqualTo("0b9e2c4a-8f5e-4c51-9d3b-2f1e0c6a7d11");
    assertThat(RowKey.of(LocalDate.of(2024, 5, 1)).text()).isEqualTo("2024-05-01");
    assertThat(RowKey.of(Instant.parse("2024-05-01T10:00:00Z")).text()).as("as pg_temp.ts writes it")
        .isEqualTo("2024-05-01T10:00:00.000000Z");
    assertThat(RowKey.of(new BigDecimal("12.50")).text()).isEqualTo("12.50");
  }

  @Test
  void shouldSpreadSequentialIntegerKeysOverDistinctHashCodes() {
    var hashes = new HashSet<Integer>();
    for (long id = 1; id <= 65_536; id++) {
      hashes.add(RowKey.of(id).hashCode());
    }

    // Arrays.hashCode gives these 8 161 values: maps of marked documents and looked-up rows degrade to trees
    assertThat(hashes).as("distinct hash codes of keys 1..65536").hasSizeGreaterThan(65_000);
  }

  @Test
  void shouldJoinACompositeKeysColumnsSoThatNoTwoKeysShareAnId() {
    var commaInFirst = RowKey.of("a,b", 1, LocalDate.of(2024, 1, 2));
    var commaSplit = RowKey.of("a", 1, LocalDate.of(2024, 1, 2));
    var percent = RowKey.of("100%2C", 1, LocalDate.of(2024, 1, 2));

    assertThat(commaInFirst.text()).isEqualTo("a%2Cb,1,2024-01-02");
    assertThat(percent.text()).isEqualTo("100%252C,1,2024-01-02");
    assertThat(List.of(commaInFirst.text(), commaSplit.text(), percent.text())).doesNotHaveDuplicates();
  }

  @Test
  void shouldSeparateEqualColumnsOfACompositeKey() {
    // small Longs are one cached instance each: the columns must be told apart by position, not identity
    assertThat(RowKey.of(1L, 1L).text()).isEqualTo("1,1");
    assertThat(RowKey.of(7L, 3L, 7L).text()).isEqualTo("7,3,7");
    assertThat(RowKey.of("x", "x").text()).isEqualTo("x,x");
  }

  @Test
  void shouldReadEveryDocumentIdBackIntoTheSameKey() {
    for (var key : List.of(RowKey.of("a,b", 1L, LocalDate.of(2024, 1, 2)), RowKey.of("100%2C", -5L, LocalDate.of(1969, 12, 31)),
        RowKey.of("", 0L, LocalDate.of(2000, 2, 29)))) {
      assertThat(COMPOSITE.parseKey(key.text())).as(key.text()).isEqualTo(key);
    }
    var products = ChangeTable.of("products", ProductRow.class);
    assertThat(products.parseKey("42")).isEqualTo(RowKey.of(42L));
    var timestamps = ChangeTable.of("keyed", KeyedRow.class, "at");
    var at = RowKey.of(Instant.parse("2024-05-01T10:00:00.000001Z"));
    assertThat(timestamps.parseKey(at.text())).isEqualTo(at);
  }

  @Test
  void shouldRefuseAnIdThatIsNoKeyOfTheTable() {
    var products = ChangeTable.of("products", ProductRow.class);
    assertThatThrownBy(() -> products.parseKey("x1")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x1'");
    assertThatThrownBy(() -> COMPOSITE.parseKey("a,1")).hasMessageContaining("has 2 parts, the key has 3 columns");
  }

  @Test
  void shouldSortKeysAsTheirValuesSortColumnByColumn() {
    var sorted = List.of(RowKey.of(-3L), RowKey.of(-1L), RowKey.of(0L), RowKey.of(2L), RowKey.of(10L));
    assertThat(shuffledAndSorted(sorted)).containsExactlyElementsOf(sorted);
    var texts = List.of(RowKey.of("a"), RowKey.of("a\u0000"), RowKey.of("ab"), RowKey.of("b"));
    assertThat(shuffledAndSorted(texts)).as("by UTF-8 bytes, a prefix first").containsExactlyElementsOf(texts);
    var composite = List.of(RowKey.of("a", 2L), RowKey.of("a", 10L), RowKey.of("ab", 1L));
    assertThat(shuffledAndSorted(composite)).containsExactlyElementsOf(composite);
    var dates = List.of(RowKey.of(LocalDate.of(1960, 1, 1)), RowKey.of(LocalDate.of(2024, 1, 1)));
    assertThat(shuffledAndSorted(dates)).containsExactlyElementsOf(dates);
  }

  @Test
  void shouldMakeAKeyAPrefixOfEveryKeyThatStartsWithIt() {
    var parent = RowKey.of("ab");
    var child = RowKey.concat(parent, RowKey.of(7L));
    var otherParentsChild = RowKey.concat(RowKey.of("abc"), RowKey.of(7L));

    assertThat(child.startsWith(parent)).isTrue();
    assertThat(otherParentsChild.startsWith(parent)).as("'ab' is no prefix of 'abc' as keys").isFalse();
    assertThat(child.size()).isEqualTo(2);
    assertThat(child.first(1)).isEqualTo(parent);
    assertThat(child.last(1)).isEqualTo(RowKey.of(7L));
    assertThat(RowKey.prefixLength(child.bytes(), 1)).isEqualTo(parent.bytes().length);
  }

  @Test
  void shouldTakeTheKeyOfARowFromItsKeyColumns() {
    var row = KeyedRow.newBuilder().setId("0b9e2c4a-8f5e-4c51-9d3b-2f1e0c6a7d11").setCode("x").setN(3)
        .setDay(LocalDate.of(2024, 1, 2)).setAt(Instant.EPOCH).setAmount(new BigDecimal("1.00")).build();

    assertThat(COMPOSITE.keyOf(row)).isEqualTo(RowKey.of("x", 3L, LocalDate.of(2024, 1, 2)));
  }

  @Test
  void shouldRefuseAKeyColumnTheTableDoesNotHaveOrThatIsNullable() {
    assertThatThrownBy(() -> ChangeTable.of("keyed", KeyedRow.class, "missing")).hasMessageContaining("'missing'");
    assertThatThrownBy(() -> ChangeTable.of("keyed", KeyedRow.class, "note")).hasMessageContaining("nullable");
  }

  private static List<RowKey> shuffledAndSorted(List<RowKey> keys) {
    var copy = new ArrayList<>(keys);
    Collections.reverse(copy);
    copy.sort(null);
    return copy;
  }
}
