package dev.denorm.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.cdc.keys.KeyedRow;
import dev.denorm.row.ProductRow;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RowKeyDecoderTest {

  private final RowKeyDecoder decoder = new RowKeyDecoder(ChangeTable.of("products", ProductRow.class));

  private static byte[] json(String text) {
    return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldReadKeyWithAndWithoutSchema() {
    assertThat(decoder.decode(json("{'id':42}"))).isEqualTo(RowKey.of(42L));
    assertThat(decoder.decode(json("{'schema':{'type':'struct','name':'pg.shop.orders.Key'},'payload':{'id':9007199254740993}}")))
        .isEqualTo(RowKey.of(9007199254740993L));
  }

  @Test
  void shouldReadAUuidKeyAsItsText() {
    var byUuid = new RowKeyDecoder(ChangeTable.of("keyed", KeyedRow.class, "id"));

    assertThat(byUuid.decode(json("{'id':'0b9e2c4a-8f5e-4c51-9d3b-2f1e0c6a7d11'}")).text())
        .isEqualTo("0b9e2c4a-8f5e-4c51-9d3b-2f1e0c6a7d11");
  }

  @Test
  void shouldReadACompositeKeyOfTextDateTimestampAndNumericColumnsInKeyOrder() {
    var composite = new RowKeyDecoder(ChangeTable.of("keyed", KeyedRow.class, "code", "day", "at", "amount"));

    var key = composite.decode(json("{'amount':'12.50','at':'2024-05-01T10:00:00.123456Z','day':19844,'code':'a,b'}"));

    assertThat(key.values()).containsExactly("a,b", LocalDate.ofEpochDay(19844), Instant.parse("2024-05-01T10:00:00.123456Z"),
        new BigDecimal("12.50"));
    assertThat(key.text()).isEqualTo("a%2Cb,2024-05-01,2024-05-01T10:00:00.123456Z,12.50");
  }

  @Test
  void shouldReadNoKeyAsNullAndRejectMalformedKeys() {
    assertThat(decoder.decode(null)).as("a truncate has no key; ChangeApplier rejects any other keyless event").isNull();
    assertThat(decoder.decode(json("{'op':'t'}"))).as("the key the recommended config gives a truncate").isNull();
    assertThatThrownBy(() -> decoder.decode(json("{'other':1}"))).hasMessageContaining("has no 'id'");
    assertThatThrownBy(() -> decoder.decode(json("{'id':'x'}"))).isInstanceOf(MalformedChangeException.class)
        .hasMessageContaining("'id'");
    assertThatThrownBy(() -> decoder.decode(json("[1"))).hasMessageContaining("not JSON");
  }
}
