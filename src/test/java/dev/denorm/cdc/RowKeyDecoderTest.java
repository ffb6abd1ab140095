package dev.denorm.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowKeyDecoderTest {

  private final RowKeyDecoder decoder = new RowKeyDecoder("id");

  private static byte[] json(String text) {
    return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldReadKeyWithAndWithoutSchema() {
    assertThat(decoder.decode(json("{'id':42}"))).isEqualTo(42L);
    assertThat(decoder.decode(json("{'schema':{'type':'struct','name':'pg.shop.orders.Key'},'payload':{'id':9007199254740993}}")))
        .isEqualTo(9007199254740993L);
  }

  @Test
  void shouldReadNoKeyAsNullAndRejectMalformedKeys() {
    assertThat(decoder.decode(null)).as("a truncate has no key; ChangeApplier rejects any other keyless event").isNull();
    assertThat(decoder.decode(json("{'op':'t'}"))).as("the key the recommended config gives a truncate").isNull();
    assertThatThrownBy(() -> decoder.decode(json("{'other':1}"))).hasMessageContaining("no integer 'id'");
    assertThatThrownBy(() -> decoder.decode(json("{'id':'x'}"))).hasMessageContaining("no integer 'id'");
    assertThatThrownBy(() -> decoder.decode(json("[1"))).hasMessageContaining("not JSON");
  }
}
