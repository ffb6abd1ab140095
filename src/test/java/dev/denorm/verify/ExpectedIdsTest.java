package dev.denorm.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpectedIdsTest {

  @Test
  void shouldTellExpectedIdsFromOthersWhateverTheirForm() {
    var ids = new ExpectedIds();
    for (String id : new String[] {"0", "7", "67108863", "67108864", "99999999999", "07", "-1", "a-b", ""}) {
      ids.add(id);
    }
    for (String id : new String[] {"0", "7", "67108863", "67108864", "99999999999", "07", "-1", "a-b", ""}) {
      assertThat(ids.contains(id)).as(id).isTrue();
    }
    for (String id : new String[] {"1", "8", "70", "067108863", "6710886", "-7", "a"}) {
      assertThat(ids.contains(id)).as(id).isFalse();
    }
  }
}
