package dev.denorm.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LsnTest {

  @Test
  void shouldReadAndWritePostgresLsnTextAsItsNumber() {
    assertThat(Lsn.parse("16/B374D848")).isEqualTo(0x16_B374_D848L);
    assertThat(Lsn.parse("0/0")).isZero();
    assertThat(Lsn.format(0x16_B374_D848L)).isEqualTo("16/B374D848");
    assertThat(Lsn.format(Lsn.parse("FFFFFFFF/FFFFFFFF"))).isEqualTo("FFFFFFFF/FFFFFFFF");
  }

  @Test
  void shouldRefuseTextThatIsNoLsnSayingWhatOneLooksLike() {
    assertThatThrownBy(() -> Lsn.parse("12345")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'12345' is no PostgreSQL LSN").hasMessageContaining("16/B374D848");
    assertThatThrownBy(() -> Lsn.parse("1/XYZ")).hasMessageContaining("hexadecimal");
    assertThatThrownBy(() -> Lsn.parse("1/123456789")).hasMessageContaining("is no PostgreSQL LSN");
  }
}
