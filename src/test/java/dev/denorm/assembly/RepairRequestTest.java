package dev.denorm.assembly;

import dev.denorm.cdc.RowKey;
import java.nio.charset.StandardCharsets;
import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.document.ProductDocument;
import dev.denorm.index.product.ProductIndex;
import dev.denorm.testkit.IndexTestDriver;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Requests of an index's repair topic (verify --repair), on the production topology. */
class RepairRequestTest {

  private final IndexTestDriver shop = new IndexTestDriver(new ProductIndex());
  private final TestInputTopic<byte[], byte[]> repairs = shop.driver().createInputTopic(
      RepairTopic.name("denorm", "products"), new ByteArraySerializer(), new ByteArraySerializer());

  @AfterEach
  void close() {
    shop.close();
  }

  @Test
  void shouldReEmitAnUnchangedDocumentWhenItsRepairIsRequested() {
    shop.insert("products", product(1)).insert("products", product(2)).emit().newWrites("products");

    repairs.pipeInput(RepairTopic.key(RowKey.of(1L)), new byte[0]);
    shop.emit();

    var writes = shop.<ProductDocument>newWrites("products");
    assertThat(writes).extracting(kv -> kv.key).containsExactly("1");
    assertThat(writes.get(0).value.getName()).isEqualTo("Product 1");
  }

  @Test
  void shouldEmitATombstoneWhenTheRepairedDocumentHasNoRows() {
    shop.insert("products", product(1)).emit().newWrites("products");

    repairs.pipeInput(RepairTopic.key(RowKey.of(999L)), new byte[0]);
    shop.emit();

    assertThat(shop.<ProductDocument>newWrites("products")).containsExactly(KeyValue.pair("999", null));
  }

  @Test
  void shouldSkipAnUnchangedDocumentAgainOnceItsRepairWasWritten() {
    shop.insert("products", product(1)).emit();
    repairs.pipeInput(RepairTopic.key(RowKey.of(1L)), new byte[0]);
    shop.emit().emit().newWrites("products");

    shop.update("products", product(1)).emit();

    assertThat(shop.<ProductDocument>newWrites("products")).as("the same content as the repaired write").isEmpty();
  }

  @Test
  void shouldIgnoreARequestWhoseKeyIsNoDocumentId() {
    shop.insert("products", product(1)).emit().newWrites("products");

    repairs.pipeInput("1".getBytes(StandardCharsets.UTF_8), new byte[0]);
    repairs.pipeInput(null, new byte[0]);
    shop.emit();

    assertThat(shop.<ProductDocument>newWrites("products")).isEmpty();
  }
}
