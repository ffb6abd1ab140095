package dev.denorm.sink.reindex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionedIndexTest {

  @Test
  void shouldReadTheVersionOfItsOwnIndexesOnly() {
    assertThat(VersionedIndex.versionOf("orders", "orders-v12")).contains(12);
    assertThat(VersionedIndex.versionOf("orders", "orders")).contains(0);
    assertThat(VersionedIndex.versionOf("orders", "orders-vip-v1")).isEmpty();
    assertThat(VersionedIndex.versionOf("orders", "orders-v0")).isEmpty();
    assertThat(VersionedIndex.versionOf("orders", "orders-v1x")).isEmpty();
    assertThat(VersionedIndex.versionOf("order", "orders-v1")).isEmpty();
  }

  @Test
  void shouldNameAVersion() {
    assertThat(VersionedIndex.name("orders", 3)).isEqualTo("orders-v3");
  }
}
