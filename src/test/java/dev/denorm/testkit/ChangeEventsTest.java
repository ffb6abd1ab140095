package dev.denorm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.cdc.ChangeEventDecoder;
import dev.denorm.cdc.ChangeTable;
import dev.denorm.cdc.RowKey;
import dev.denorm.cdc.RowKeyDecoder;
import dev.denorm.cdc.ToastPlaceholder;
import dev.denorm.cdc.keys.KeyedRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChangeEventsTest {

  private static final ChangeTable<KeyedRow> TABLE = ChangeTable.of("keyed", KeyedRow.class, "id", "day");

  @Test
  void shouldEncodeJavaValuesOfARowAsDebeziumDoesSoTheyDecodeToTheSameValues() {
    var id = UUID.fromString("0b9e2c4a-8f5e-4c51-9d3b-2f1e0c6a7d11");
    var row = new LinkedHashMap<String, Object>();
    row.put("id", id);
    row.put("code", "c");
    row.put("n", 1);
    row.put("day", LocalDate.of(1969, 12, 31));
    row.put("at", Instant.parse("2026-03-01T09:30:00.123456Z"));
    row.put("amount", new BigDecimal("12.50"));
    row.put("note", null);

    KeyedRow decoded = new ChangeEventDecoder<>(TABLE, ToastPlaceholder.RECOMMENDED, true)
        .decode(ChangeEvents.create("keyed", row)).row();
    RowKey key = new RowKeyDecoder(TABLE).decode(ChangeEvents.key(Map.of("id", id, "day", LocalDate.of(1969, 12, 31))));

    assertThat(decoded.getId()).isEqualTo(id.toString());
    assertThat(decoded.getDay()).isEqualTo(LocalDate.of(1969, 12, 31));
    assertThat(decoded.getAt()).isEqualTo(Instant.parse("2026-03-01T09:30:00.123456Z"));
    assertThat(decoded.getAmount()).isEqualByComparingTo("12.50");
    assertThat(key).isEqualTo(TABLE.keyOf(decoded));
  }
}
