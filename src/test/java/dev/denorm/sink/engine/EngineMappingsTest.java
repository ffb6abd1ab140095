package dev.denorm.sink.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.document.OrderDocument;
import dev.denorm.document.ProductDocument;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class EngineMappingsTest {

  @Test
  void shouldMapTheProductsSchema() {
    var mapping = new EngineMappings(true).mappingFor(ProductDocument.getClassSchema());

    assertThat(mapping.get("dynamic").asText()).isEqualTo("strict");
    var p = mapping.get("properties");
    assertThat(p.get("id").get("type").asText()).isEqualTo("long");
    assertThat(p.get("sku").get("type").asText()).isEqualTo("keyword");
    assertThat(p.get("name").get("type").asText()).isEqualTo("text");
    assertThat(p.get("name").get("fields").get("keyword").get("type").asText()).isEqualTo("keyword");
    assertThat(p.get("description").get("type").asText()).isEqualTo("text");
    assertThat(p.get("price").get("type").asText()).isEqualTo("scaled_float");
    assertThat(p.get("price").get("scaling_factor").asDouble()).isEqualTo(100.0);
    assertThat(p.get("tags").get("type").asText()).isEqualTo("keyword");
    // date, not date_nanos: date_nanos holds only 1970..2262, documents hold years 1..9999
    assertThat(p.get("updated_at").get("type").asText()).isEqualTo("date");
  }

  @Test
  void shouldMapNestedArraysObjectsAndNullableRecords() {
    var p = new EngineMappings(true).mappingFor(OrderDocument.getClassSchema()).get("properties");

    assertThat(p.get("customer").get("type").asText()).isEqualTo("object");
    assertThat(p.get("customer").get("properties").get("email").get("type").asText()).isEqualTo("keyword");
    assertThat(p.get("shipping_address").get("type").asText()).isEqualTo("object");
    assertThat(p.get("shipping_address").get("properties").get("postal_code").get("type").asText()).isEqualTo("keyword");
    assertThat(p.get("shipping_address").get("properties").get("city").get("type").asText()).isEqualTo("text");
    assertThat(p.get("lines").get("type").asText()).isEqualTo("nested");
    assertThat(p.get("lines").get("properties").get("quantity").get("type").asText()).isEqualTo("integer");
    assertThat(p.get("lines").get("properties").get("product").get("properties").get("name").get("type").asText())
        .isEqualTo("text");
    assertThat(p.get("status").get("type").asText()).isEqualTo("keyword");
  }

  @Test
  void shouldMapAStringAsKeywordUnlessTheSchemaFieldSaysTextWithItsAnalyzer() {
    var schema = new Schema.Parser().parse("""
        {"type":"record","name":"Doc","fields":[
          {"name":"name","type":"string"},
          {"name":"title","search":"text","type":"string"},
          {"name":"body","search":"text","analyzer":"english","type":["null","string"]},
          {"name":"code","search":"keyword","type":"string"}]}""");

    var p = new EngineMappings(true).mappingFor(schema).get("properties");

    assertThat(p.get("name").get("type").asText()).as("no annotation: keyword, whatever the name").isEqualTo("keyword");
    assertThat(p.get("title").get("type").asText()).isEqualTo("text");
    assertThat(p.get("title").has("analyzer")).isFalse();
    assertThat(p.get("body").get("analyzer").asText()).isEqualTo("english");
    assertThat(p.get("code").get("type").asText()).isEqualTo("keyword");
  }

  @Test
  void shouldRejectAnUnknownSearchAnnotationNamingTheField() {
    var schema = new Schema.Parser().parse("""
        {"type":"record","name":"Doc","fields":[{"name":"title","search":"fulltext","type":"string"}]}""");

    assertThatThrownBy(() -> new EngineMappings(true).mappingFor(schema))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title").hasMessageContaining("fulltext");
  }

  @Test
  void shouldMapADateAsAStrictDate() {
    var schema = new Schema.Parser().parse("""
        {"type":"record","name":"Doc","fields":[{"name":"loaned_on","type":{"type":"int","logicalType":"date"}}]}""");

    var loanedOn = new EngineMappings(true).mappingFor(schema).get("properties").get("loaned_on");

    assertThat(loanedOn.get("type").asText()).isEqualTo("date");
    assertThat(loanedOn.get("format").asText()).isEqualTo("strict_date");
  }

  @Test
  void shouldFallBackToDoubleWithoutScaledFloat() {
    var p = new EngineMappings(false).mappingFor(OrderDocument.getClassSchema()).get("properties");
    assertThat(p.get("total").get("type").asText()).isEqualTo("double");
  }
}
