package dev.denorm.cdc;

import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.config.TopologySettings;
import dev.denorm.document.ProductDocument;
import dev.denorm.index.product.ProductIndex;
import dev.denorm.testkit.ChangeEvents;
import dev.denorm.testkit.IndexTestDriver;
import dev.denorm.testing.ShopRows;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The products index fed Avro change events (Confluent wire format, Debezium's schemas with
 * precise decimals; envelope and flattened rows, the truncate key) writes the same documents as
 * when fed the JsonConverter's events of the same changes.
 */
class AvroChangeEventsTopologyTest {

  private static final Schema.Parser PARSER = new Schema.Parser();
  private static final Schema ROW = PARSER.parse("""
      {"type":"record","name":"Value","namespace":"pg.shop.products","fields":[
       {"name":"id","type":"long"},{"name":"sku","type":"string"},{"name":"name","type":"string"},
       {"name":"description","type":["null","string"],"default":null},
       {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2,
         "connect.name":"org.apache.kafka.connect.data.Decimal","connect.parameters":{"scale":"2"}}},
       {"name":"tags","type":{"type":"array","items":["null","string"]}},
       {"name":"updated_at","type":{"type":"string","connect.name":"io.debezium.time.ZonedTimestamp"}}]}""");
  private static final Schema ENVELOPE = PARSER.parse("""
      {"type":"record","name":"Envelope","namespace":"pg.shop.products","fields":[
       {"name":"before","type":["null","pg.shop.products.Value"],"default":null},
       {"name":"after","type":["null","pg.shop.products.Value"],"default":null},
       {"name":"op","type":"string"}]}""");
  private static final Schema FLAT = PARSER.parse("""
      {"type":"record","name":"Flat","namespace":"pg.shop.products","fields":[
       {"name":"id","type":"long"},{"name":"sku","type":"string"},{"name":"name","type":"string"},
       {"name":"description","type":["null","string"],"default":null},
       {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":2}},
       {"name":"tags","type":{"type":"array","items":["null","string"]}},
       {"name":"updated_at","type":"string"},{"name":"__deleted","type":["null","string"],"default":null}]}""");
  private static final Schema KEY = PARSER.parse("""
      {"type":"record","name":"Key","namespace":"pg.shop.products","fields":[{"name":"id","type":"long"}]}""");
  private static final Schema TRUNCATE_KEY = PARSER.parse("""
      {"type":"record","name":"TruncateKey","namespace":"pg.shop.products","fields":[{"name":"op","type":"string"}]}""");

  private final SchemaRegistry.InMemory registry = SchemaRegistry.mock("avro-topology-test");
  private final IndexTestDriver avro = new IndexTestDriver(Map.of(TopologySettings.SOURCE_FORMAT, "avro",
      TopologySettings.REGISTRY_URL, "mock://avro-topology-test"), List.of(new ProductIndex()));
  private final IndexTestDriver json = new IndexTestDriver(new ProductIndex());

  @AfterEach
  void close() {
    avro.close();
    json.close();
  }

  private GenericRecord row(Schema schema, Map<String, Object> row) {
    var record = new GenericData.Record(schema);
    row.forEach((column, value) -> record.put(column, column.equals("price")
        ? ByteBuffer.wrap(new BigDecimal(value.toString()).setScale(2).unscaledValue().toByteArray()) : value));
    return record;
  }

  private byte[] key(long id) {
    var key = new GenericData.Record(KEY);
    key.put("id", id);
    return ConfluentWireFormat.write(registry.register(KEY), KEY, key);
  }

  private void envelope(String op, long id, Map<String, Object> after) {
    var value = new GenericData.Record(ENVELOPE);
    value.put("after", after == null ? null : row(ROW, after));
    value.put("op", op);
    avro.pipe("products", key(id), ConfluentWireFormat.write(registry.register(ENVELOPE), ENVELOPE, value));
    switch (op) {
      case "c" -> json.insert("products", after);
      case "u" -> json.update("products", after);
      case "d" -> json.delete("products", id);
      default -> throw new IllegalArgumentException(op);
    }
  }

  @Test
  void shouldWriteTheSameDocumentsFromAvroEventsAsFromJsonEvents() {
    envelope("c", 1, product(1));
    envelope("c", 2, product(2).with("price", "0.10"));
    envelope("u", 1, product(1).with("name", "Renamed").with("description", ChangeEvents.TOAST));
    envelope("d", 2, null);
    avro.pipe("products", key(2), null);
    ShopRows.Row flat = product(3).with("price", "7.00");
    flat.put("__deleted", "false");
    avro.pipe("products", key(3), ConfluentWireFormat.write(registry.register(FLAT), FLAT, row(FLAT, flat)));
    json.insert("products", product(3).with("price", "7.00"));
    avro.emit();
    json.emit();

    Map<String, ProductDocument> documents = avro.documents("products");
    assertThat(documents).isEqualTo(json.documents("products")).containsOnlyKeys("1", "3");
    assertThat(documents.get("1").getDescription()).as("TOASTed, kept").isEqualTo("A fine product");
    assertThat(documents.get("3").getPrice()).isEqualByComparingTo("7.00");
    assertThat(avro.deadLetters()).isEmpty();
  }

  @Test
  void shouldApplyAnAvroTruncate() {
    envelope("c", 1, product(1));
    avro.emit();
    var value = new GenericData.Record(ENVELOPE);
    value.put("op", "t");
    var truncateKey = new GenericData.Record(TRUNCATE_KEY);
    truncateKey.put("op", "t");
    avro.pipe("products", ConfluentWireFormat.write(registry.register(TRUNCATE_KEY), TRUNCATE_KEY, truncateKey),
        ConfluentWireFormat.write(registry.register(ENVELOPE), ENVELOPE, value)).emit();

    assertThat(avro.<ProductDocument>documents("products").get("1")).isNull();
  }
}
