package dev.denorm.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FloorTest {

  @Test
  void shouldBeUnknownUntilEverySenderOfEveryStreamSentAMark() {
    var floor = new Floor(2);
    floor.add(0, new Mark(10, 0, 2));
    floor.add(1, new Mark(30, 0, 1));
    assertThat(floor.value()).isEqualTo(Floor.UNKNOWN);

    assertThat(floor.add(0, new Mark(20, 1, 2))).isTrue();

    assertThat(floor.value()).isEqualTo(10);
  }

  @Test
  void shouldNotGoBackWhenASenderRepeatsAnOlderMarkAfterACrash() {
    var floor = new Floor(1);
    floor.add(0, new Mark(50, 0, 1));

    assertThat(floor.add(0, new Mark(40, 0, 1))).isFalse();

    assertThat(floor.value()).isEqualTo(50);
  }

  @Test
  void shouldStartAStreamAnewWhenItsSendersWereRepartitioned() {
    var floor = new Floor(1);
    floor.add(0, new Mark(50, 0, 1));

    floor.add(0, new Mark(60, 0, 2));

    assertThat(floor.value()).isEqualTo(Floor.UNKNOWN);
  }

  @Test
  void shouldReadBackAMarkFromItsBytesAndRefuseOtherSizes() {
    var mark = new Mark(0x16_B374_D848L, 3, 4);
    assertThat(Mark.of(mark.bytes())).isEqualTo(mark);
    assertThatThrownBy(() -> Mark.of(new byte[3])).hasMessageContaining("16 bytes, not 3");
    assertThatThrownBy(() -> new Mark(1, 4, 4)).hasMessageContaining("partition 4 must be one of its 4");
  }
}
