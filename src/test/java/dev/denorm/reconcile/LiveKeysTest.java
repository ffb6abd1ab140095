package dev.denorm.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveKeysTest {

  private static byte[] key(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldHoldTheKeysWhoseLastRecordIsNoTombstoneWithTheirPartition() {
    var live = new LiveKeys();
    live.record(0, key("{\"id\":1}"), false);
    live.record(2, key("{\"id\":2}"), false);
    live.record(2, key("{\"id\":2}"), true); // deleted
    live.record(1, key("{\"id\":3}"), true);
    live.record(1, key("{\"id\":3}"), false); // inserted again after its delete
    live.record(0, key("{\"id\":1}"), false); // updated

    assertThat(live.size()).isEqualTo(2);
    assertThat(live.keys()).extracting(k -> new String(k.key(), StandardCharsets.UTF_8) + "@" + k.partition())
        .containsExactlyInAnyOrder("{\"id\":1}@0", "{\"id\":3}@1");
  }

  @Test
  void shouldIgnoreARecordWithoutKeyWhenATruncateCameWithout() {
    var live = new LiveKeys();
    live.record(0, null, false);
    assertThat(live.size()).isZero();
  }
}
