package dev.denorm.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.cdc.fidelity.TypesRow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Avro change events in the schemas Debezium's PostgreSQL connector writes through an Avro
 * converter (decimal.handling.mode=precise; connect.name on every Debezium logical type) decode to
 * the same rows as the JsonConverter's events of the same changes.
 */
class AvroChangeEventsTest {

  private static final String VALUE = """
      {"type":"record","name":"Value","namespace":"pg.fidelity.types","connect.name":"pg.fidelity.types.Value","fields":[
       {"name":"id","type":"long"},
       {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2,
         "connect.name":"org.apache.kafka.connect.data.Decimal","connect.parameters":{"scale":"2","connect.decimal.precision":"12"}}},
       {"name":"ratio","type":["null",{"type":"record","name":"VariableScaleDecimal","namespace":"io.debezium.data",
         "connect.name":"io.debezium.data.VariableScaleDecimal",
         "fields":[{"name":"scale","type":"int"},{"name":"value","type":"bytes"}]}],"default":null},
       {"name":"at_tz","type":{"type":"string","connect.name":"io.debezium.time.ZonedTimestamp"}},
       {"name":"at","type":["null",{"type":"long","connect.name":"io.debezium.time.MicroTimestamp"}],"default":null},
       {"name":"day","type":["null",{"type":"int","connect.name":"io.debezium.time.Date"}],"default":null},
       {"name":"clock","type":["null",{"type":"long","connect.name":"io.debezium.time.MicroTime"}],"default":null},
       {"name":"uid","type":["null",{"type":"string","connect.name":"io.debezium.data.Uuid"}],"default":null},
       {"name":"doc","type":["null",{"type":"string","connect.name":"io.debezium.data.Json"}],"default":null},
       {"name":"mood","type":["null",{"type":"string","connect.name":"io.debezium.data.Enum",
         "connect.parameters":{"allowed":"sad,ok,happy"}}],"default":null},
       {"name":"data","type":["null","bytes"],"default":null},
       {"name":"tags","type":["null",{"type":"array","items":["null","string"]}],"default":null}]}""";
  /** One parser: the envelope names the row schema parsed before it. */
  private static final Schema.Parser PARSER = new Schema.Parser();
  private static final Schema ROW = PARSER.parse(VALUE);
  private static final Schema ENVELOPE = PARSER.parse("""
      {"type":"record","name":"Envelope","namespace":"pg.fidelity.types","fields":[
       {"name":"before","type":["null","pg.fidelity.types.Value"],"default":null},
       {"name":"after","type":["null","pg.fidelity.types.Value"],"default":null},
       {"name":"op","type":"string"},
       {"name":"ts_ms","type":["null","long"],"default":null}]}""");
  private static final Schema KEY = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Key\",\"namespace\":\"pg.fidelity.types\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}");

  private final SchemaRegistry.InMemory registry = SchemaRegistry.mock("avro-change-events-test");
  private final ChangeTable<TypesRow> table = ChangeTable.of("types", TypesRow.class);
  private final ChangeEventDecoder<TypesRow> avro =
      new ChangeEventDecoder<>(new AvroChangeEvents(registry), table, ToastPlaceholder.RECOMMENDED, true, List.of("types"), true);
  private final ChangeEventDecoder<TypesRow> json = new ChangeEventDecoder<>(table, ToastPlaceholder.RECOMMENDED, true);

  private static GenericRecord row() {
    var row = new GenericData.Record(ROW);
    row.put("id", 7L);
    row.put("amount", ByteBuffer.wrap(BigInteger.valueOf(123450).toByteArray()));
    var ratio = new GenericData.Record(ROW.getField("ratio").schema().getTypes().get(1));
    ratio.put("scale", 5);
    ratio.put("value", ByteBuffer.wrap(BigInteger.valueOf(314159).toByteArray()));
    row.put("ratio", ratio);
    row.put("at_tz", "2026-11-25T09:48:05.481828Z");
    row.put("at", 1_764_064_085_481_828L);
    row.put("day", 20_417);
    row.put("clock", 45_296_000_123L);
    row.put("uid", "5f0c6d8e-2b0a-4e4f-9a57-3b8d2f6f1c11");
    row.put("doc", "{\"k\": [1, 2]}");
    row.put("mood", "happy");
    row.put("data", ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff}));
    row.put("tags", List.of("a", "b,c"));
    return row;
  }

  private static final String JSON_ROW = "{\"id\":7,\"amount\":\"1234.50\",\"ratio\":\"3.14159\","
      + "\"at_tz\":\"2026-11-25T09:48:05.481828Z\",\"at\":1764064085481828,\"day\":20417,\"clock\":45296000123,"
      + "\"uid\":\"5f0c6d8e-2b0a-4e4f-9a57-3b8d2f6f1c11\",\"doc\":\"{\\\"k\\\": [1, 2]}\",\"mood\":\"happy\","
      + "\"data\":\"AAH/\",\"tags\":[\"a\",\"b,c\"]}";

  private byte[] envelope(String op, GenericRecord after) {
    var value = new GenericData.Record(ENVELOPE);
    value.put("after", after);
    value.put("op", op);
    return ConfluentWireFormat.write(registry.register(ENVELOPE), ENVELOPE, value);
  }

  @Test
  void shouldDecodeEveryLogicalTypeOfAnAvroEnvelopeLikeItsJsonEvent() {
    TypesRow row = avro.decode(envelope("c", row())).row();

    assertThat(row.getAmount()).isEqualTo(new BigDecimal("1234.50"));
    assertThat(row.getRatio()).isEqualTo(new BigDecimal("3.14159"));
    assertThat(row.getAtTz()).isEqualTo(Instant.parse("2026-11-25T09:48:05.481828Z"));
    assertThat(row.getAt()).isEqualTo(Instant.parse("2025-11-25T09:48:05.481828Z"));
    assertThat(row.getDay()).isEqualTo(LocalDate.of(2025, 11, 25));
    assertThat(row.getClock()).isEqualTo(LocalTime.of(12, 34, 56, 123_000));
    assertThat(row.getUid()).isEqualTo("5f0c6d8e-2b0a-4e4f-9a57-3b8d2f6f1c11");
    assertThat(row.getDoc()).isEqualTo("{\"k\": [1, 2]}");
    assertThat(row.getMood()).isEqualTo("happy");
    assertThat(row.getData()).isEqualTo(ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff}));
    assertThat(row.getTags()).containsExactly("a", "b,c");
    var fromJson = json.decode(("{\"after\":" + JSON_ROW + ",\"op\":\"c\"}").getBytes(StandardCharsets.UTF_8)).row();
    assertThat(row).isEqualTo(fromJson);
  }

  @Test
  void shouldDecodeFlattenedAvroRowsAndDeletesAndTheToastPlaceholder() {
    int id = registry.register(ROW);
    assertThat(avro.decode(ConfluentWireFormat.write(id, ROW, row())).row().getId()).isEqualTo(7L);
    assertThat(avro.decode(null).isDelete()).as("tombstone").isTrue();
    assertThat(avro.decode(envelope("d", null)).isDelete()).isTrue();

    var toasted = row();
    toasted.put("doc", ToastPlaceholder.RECOMMENDED);
    toasted.put("data", ByteBuffer.wrap(ToastPlaceholder.RECOMMENDED.getBytes(StandardCharsets.UTF_8)));
    toasted.put("tags", List.of(ToastPlaceholder.RECOMMENDED));
    assertThat(avro.decode(envelope("u", toasted)).unavailable()).containsExactlyInAnyOrder("doc", "data", "tags");
    assertThat(avro.decode(envelope("c", toasted)).unavailable()).as("only an update leaves columns out").isEmpty();
  }

  @Test
  void shouldReadTheKeyAndTheTruncateKey() {
    var keys = new RowKeyDecoder(new AvroChangeEvents(registry), table);
    var key = new GenericData.Record(KEY);
    key.put("id", 42L);
    assertThat(keys.decode(ConfluentWireFormat.write(registry.register(KEY), KEY, key))).isEqualTo(RowKey.of(42L));
    var truncateKey = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"TKey\",\"fields\":[{\"name\":\"op\",\"type\":\"string\"}]}");
    var t = new GenericData.Record(truncateKey);
    t.put("op", "t");
    assertThat(keys.decode(ConfluentWireFormat.write(registry.register(truncateKey), truncateKey, t))).isNull();
  }

  @Test
  void shouldRejectBytesThatAreNotTheWireFormatOrNameAnUnknownSchema() {
    assertThatThrownBy(() -> avro.decode("{\"op\":\"c\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedChangeException.class).hasMessageContaining("not the Confluent Avro wire format");
    assertThatThrownBy(() -> avro.decode(new byte[] {0, 0, 0, 99, 99, 1}))
        .isInstanceOf(MalformedChangeException.class).hasMessageContaining("schema id 25443 is not in the registry");
  }
}
