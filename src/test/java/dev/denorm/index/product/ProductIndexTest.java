package dev.denorm.index.product;

import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.document.ProductDocument;
import dev.denorm.testkit.ChangeEvents;
import dev.denorm.testkit.IndexTestDriver;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProductIndexTest {

  private final IndexTestDriver shop = new IndexTestDriver(new ProductIndex());

  @AfterEach
  void close() {
    shop.close();
  }

  @Test
  void shouldEmitDocumentWithEveryColumnWhenProductInserted() {
    shop.insert("products", product(7)).emit();

    ProductDocument doc = shop.<ProductDocument>documents("products").get("7");
    assertThat(doc.getId()).isEqualTo(7L);
    assertThat(doc.getSku()).isEqualTo("SKU-7");
    assertThat(doc.getName()).isEqualTo("Product 7");
    assertThat(doc.getDescription()).isEqualTo("A fine product");
    assertThat(doc.getPrice()).isEqualByComparingTo("19.9");
    assertThat(doc.getTags()).containsExactly("gift", null, "sale");
    assertThat(doc.getUpdatedAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00.000001Z"));
  }

  @Test
  void shouldKeepNullDescriptionAndEmptyTags() {
    shop.insert("products", product(1).with("description", null).with("tags", List.of())).emit();

    ProductDocument doc = shop.<ProductDocument>documents("products").get("1");
    assertThat(doc.getDescription()).isNull();
    assertThat(doc.getTags()).isEmpty();
  }

  @Test
  void shouldEmitTombstoneWhenProductDeleted() {
    shop.insert("products", product(1)).emit().newWrites("products");

    shop.delete("products", 1).emit();

    assertThat(shop.<ProductDocument>newWrites("products")).containsExactly(KeyValue.pair("1", null));
  }

  @Test
  void shouldDeleteEveryProductDocumentWhenTheTableIsTruncated() {
    shop.insert("products", product(1)).insert("products", product(2)).emit().newWrites("products");

    shop.truncate("products").insert("products", product(3)).emit();

    assertThat(shop.<ProductDocument>documents("products")).containsOnlyKeys("1", "2", "3");
    assertThat(shop.<ProductDocument>documents("products").get("1")).isNull();
    assertThat(shop.<ProductDocument>documents("products").get("2")).isNull();
    assertThat(shop.<ProductDocument>documents("products").get("3").getId()).isEqualTo(3L);
  }

  @Test
  void shouldKeepARealValueEqualToDebeziumsDefaultPlaceholder() {
    shop.insert("products", product(1).with("description", "__debezium_unavailable_value")
        .with("tags", List.of("__debezium_unavailable_value"))).emit();
    shop.update("products", product(2).with("description", "__debezium_unavailable_value")).emit();

    assertThat(shop.<ProductDocument>documents("products").get("1").getDescription()).isEqualTo("__debezium_unavailable_value");
    assertThat(shop.<ProductDocument>documents("products").get("1").getTags()).containsExactly("__debezium_unavailable_value");
    assertThat(shop.<ProductDocument>documents("products").get("2").getDescription()).isEqualTo("__debezium_unavailable_value");
  }

  @Test
  void shouldEmitNothingWhenDeletingProductThatNeverExisted() {
    shop.delete("products", 404).emit();

    assertThat(shop.newWrites("products")).isEmpty();
  }

  @Test
  void shouldKeepToastedDescriptionWhenAnotherColumnIsUpdated() {
    String longText = "x".repeat(9000);
    shop.insert("products", product(1).with("description", longText)).emit().newWrites("products");

    shop.update("products", product(1).with("price", "25.00").with("description", ChangeEvents.TOAST)).emit();

    ProductDocument doc = shop.<ProductDocument>documents("products").get("1");
    assertThat(doc.getDescription()).isEqualTo(longText);
    assertThat(doc.getPrice()).isEqualByComparingTo("25");
  }

  @Test
  void shouldKeepToastedTagsWhenAnotherColumnIsUpdated() {
    shop.insert("products", product(1).with("tags", List.of("a", "b"))).emit().newWrites("products");

    shop.update("products", product(1).with("name", "Renamed").with("tags", List.of(ChangeEvents.TOAST))).emit();

    assertThat(shop.<ProductDocument>documents("products").get("1").getTags()).containsExactly("a", "b");
  }

  @Test
  void shouldMoveDocumentWhenPrimaryKeyChanges() {
    shop.insert("products", product(1)).emit().newWrites("products");

    shop.delete("products", 1).insert("products", product(2).with("sku", "SKU-1")).emit();

    var docs = shop.<ProductDocument>documents("products");
    assertThat(docs).containsEntry("1", null);
    assertThat(docs.get("2").getSku()).isEqualTo("SKU-1");
  }

  @Test
  void shouldRecreateDocumentWhenDeletedAndReinsertedWithSameId() {
    shop.insert("products", product(1)).emit().newWrites("products");
    shop.delete("products", 1).emit();
    assertThat(shop.<ProductDocument>documents("products")).containsEntry("1", null);

    shop.insert("products", product(1).with("name", "Back again")).emit();

    assertThat(shop.<ProductDocument>documents("products").get("1").getName()).isEqualTo("Back again");
  }

  @Test
  void shouldEmitOnlyTheLatestDocumentOncePerIntervalWhenUpdatedManyTimes() {
    shop.insert("products", product(1));
    for (int i = 0; i < 5; i++) {
      shop.update("products", product(1).with("price", i + ".50"));
    }
    assertThat(shop.newWrites("products")).isEmpty();

    shop.emit();

    List<KeyValue<String, ProductDocument>> docs = shop.newWrites("products");
    assertThat(docs).hasSize(1);
    assertThat(docs.get(0).value.getPrice()).isEqualTo(new BigDecimal("4.50"));
  }

  @Test
  void shouldKeepMicrosecondsAndFarDatesOfTimestamps() {
    shop.insert("products", product(1).with("updated_at", "0001-01-01T00:00:00.000001Z"))
        .insert("products", product(2).with("updated_at", "9999-12-31T23:59:59.999999Z")).emit();

    var docs = shop.<ProductDocument>documents("products");
    assertThat(docs.get("1").getUpdatedAt()).isEqualTo(Instant.parse("0001-01-01T00:00:00.000001Z"));
    assertThat(docs.get("2").getUpdatedAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
  }

  @Test
  void shouldKeepAnyUnicodeText() {
    shop.insert("products", product(1).with("name", "Café ☕ 𝄞 \"quoted\"").with("tags", Arrays.asList("y,z", "q\"uote"))).emit();

    var doc = shop.<ProductDocument>documents("products").get("1");
    assertThat(doc.getName()).isEqualTo("Café ☕ 𝄞 \"quoted\"");
    assertThat(doc.getTags()).containsExactly("y,z", "q\"uote");
  }
}
