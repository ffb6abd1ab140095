package dev.denorm.sink.convert;

import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import dev.denorm.document.OrderDocument;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.denorm.document.ProductDocument;
import dev.denorm.testing.ReferenceDocuments;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DocumentConverterTest {

  private final DocumentConverter converter = new DocumentConverter("products", null);

  private static ProductDocument product(String price, Instant updatedAt) {
    return ProductDocument.newBuilder().setId(12).setSku("AB ").setName("Tea \u00e9\ud83c\udf75")
        .setDescription(null).setPrice(new BigDecimal(price)).setTags(Arrays.asList("b", null, "a"))
        .setUpdatedAt(updatedAt).build();
  }

  @Test
  void shouldWriteTheDocumentAsDocumentsMdSays() {
    var action = converter.convert("12", 99, product("19.90", Instant.parse("2026-03-01T09:30:00.123456Z")));

    assertThat(action).isInstanceOf(IndexAction.class);
    assertThat(((IndexAction) action).sourceJson()).isEqualTo(
        "{\"id\":12,\"sku\":\"AB \",\"name\":\"Tea \u00e9\ud83c\udf75\",\"description\":null,\"price\":19.9,"
            + "\"tags\":[\"b\",null,\"a\"],\"updated_at\":\"2026-03-01T09:30:00.123456Z\"}");
    assertThat(action.version()).isEqualTo(99);
    assertThat(action.index()).isEqualTo("products");
    assertThat(action.id()).isEqualTo("12");
  }

  @Test
  void shouldWriteDecimalsAsExactPlainNumbers() {
    assertThat(DocumentConverter.plain(new BigDecimal("100.00"))).isEqualTo("100");
    assertThat(DocumentConverter.plain(new BigDecimal("0.00"))).isEqualTo("0");
    assertThat(DocumentConverter.plain(new BigDecimal("0.10"))).isEqualTo("0.1");
    assertThat(DocumentConverter.plain(new BigDecimal("-12345678901234567890.05"))).isEqualTo("-12345678901234567890.05");
    assertThat(DocumentConverter.plain(new BigDecimal("1E+3"))).isEqualTo("1000");
  }

  @Test
  void shouldDropTheFractionOfWholeSecondsAndKeepMicroseconds() {
    var whole = (IndexAction) converter.convert("12", 1, product("1", Instant.parse("2026-03-01T09:30:00Z")));
    var micros = (IndexAction) converter.convert("12", 1, product("1", Instant.parse("0001-01-01T00:00:00.000001Z")));

    assertThat(whole.sourceJson()).contains("\"updated_at\":\"2026-03-01T09:30:00Z\"");
    assertThat(micros.sourceJson()).contains("\"updated_at\":\"0001-01-01T00:00:00.000001Z\"");
  }

  @Test
  void shouldWriteADateAsPostgreSqlWritesIt() throws Exception {
    var schema = new Schema.Parser().parse("""
        {"type":"record","name":"Doc","fields":[{"name":"loaned_on","type":{"type":"int","logicalType":"date"}}]}""");
    var document = new GenericData.Record(schema);
    document.put("loaned_on", LocalDate.of(1969, 12, 31));

    assertThat(new String(DocumentConverter.toJson(document), StandardCharsets.UTF_8)).isEqualTo("{\"loaned_on\":\"1969-12-31\"}");
  }

  @Test
  void shouldTurnATombstoneIntoADelete() {
    assertThat(converter.convert("12", 100, null)).isEqualTo(new DeleteAction("products", "12", 100));
  }

  @Test
  void shouldNestRecordsArraysAndNullableRecords() throws Exception {
    var order = ReferenceDocuments.order(3, 2);
    var json = new ObjectMapper().readTree(DocumentConverter.toJson(order));

    assertThat(json.get("shipping_address").isNull()).isTrue();
    assertThat(json.get("customer").get("email").asText()).isEqualTo("c3@example.com");
    assertThat(json.get("lines")).hasSize(2);
    assertThat(json.get("lines").get(0).get("product").get("sku").asText()).isEqualTo("SKU-1");
    assertThat(json.get("total").decimalValue()).isEqualByComparingTo(order.getTotal());
    assertThat(json.fieldNames()).toIterable().containsExactlyElementsOf(
        OrderDocument.getClassSchema().getFields().stream().map(Schema.Field::name).toList());
  }

  @Test
  void shouldAddThePipelineToIndexActionsOnly() {
    var withPipeline = new DocumentConverter("products", "enrich");
    assertThat(((IndexAction) withPipeline.convert("1", 1, product("1", Instant.EPOCH))).pipeline()).isEqualTo("enrich");
    assertThat(withPipeline.convert("1", 2, null)).isInstanceOf(DeleteAction.class);
  }

  @Test
  void shouldNeverPrintTheDocumentInToString() {
    var action = converter.convert("12", 1, product("1", Instant.EPOCH));
    assertThat(action.toString()).contains("id=12").doesNotContain("Tea");
  }
}
