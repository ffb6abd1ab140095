package dev.denorm.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.ValueToKey;
import org.junit.jupiter.api.Test;

class TruncateEventTest {

  private static final Schema ENVELOPE = SchemaBuilder.struct().name("pg.shop.orders.Envelope")
      .field("before", SchemaBuilder.struct().optional().build())
      .field("op", Schema.STRING_SCHEMA).build();
  private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
  private final TruncateEvent<SourceRecord> predicate = new TruncateEvent<>();

  private static SourceRecord record(Struct key, String op) {
    return new SourceRecord(Map.of(), Map.of(), "pg.shop.orders", null, key == null ? null : KEY, key, ENVELOPE,
        new Struct(ENVELOPE).put("op", op));
  }

  @Test
  void shouldMatchOnlyAKeylessEventWithOpT() {
    assertThat(predicate.test(record(null, "t"))).isTrue();
    assertThat(predicate.test(record(new Struct(KEY).put("id", 1L), "u"))).isFalse();
    assertThat(predicate.test(record(null, "c"))).isFalse();
    var tombstone = new SourceRecord(Map.of(), Map.of(), "pg.shop.orders", null, KEY, new Struct(KEY).put("id", 1L), null, null);
    assertThat(predicate.test(tombstone)).isFalse();
  }

  @Test
  void shouldGiveATruncateTheKeyOpTWithKafkasValueToKey() {
    try (var valueToKey = new ValueToKey<SourceRecord>()) {
      valueToKey.configure(Map.of("fields", "op"));
      var keyed = valueToKey.apply(record(null, "t"));
      assertThat(((Struct) keyed.key()).get("op")).isEqualTo("t");
    }
  }
}
