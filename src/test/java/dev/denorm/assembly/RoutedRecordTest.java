package dev.denorm.assembly;

import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.cdc.RowKey;
import dev.denorm.index.product.ProductIndex;
import dev.denorm.testkit.IndexTestDriver;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records of an index's routing topic, on the production topology. */
class RoutedRecordTest {

  private final IndexTestDriver shop = new IndexTestDriver(new ProductIndex());
  private final TestInputTopic<byte[], byte[]> routes = shop.driver().createInputTopic(
      "denorm-products-" + AssemblyTopology.ROUTES + "-repartition", new ByteArraySerializer(), new ByteArraySerializer());

  @AfterEach
  void close() {
    shop.close();
  }

  @Test
  void shouldStopWithTheTopicAndNumberOnARoutedRecordOfARelationTheIndexDoesNotHave() {
    // only a routing topic written under another plan could hold one, and the start's plan check
    // refuses such a start: an internal inconsistency, so the task stops (nothing is lost)
    assertThatThrownBy(() -> routes.pipeInput(RelationTags.tagged(7, RowKey.of(1L).bytes()), new byte[0]))
        .rootCause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("relation number 7 from denorm-products-routes-repartition, but has 1 relations");
  }

  @Test
  void shouldApplyARoutedRowUnderTheRelationItsNumberNames() {
    shop.insert("products", product(1)).emit().newWrites("products");

    routes.pipeInput(RelationTags.tagged(0, RowKey.of(1L).bytes()), (byte[]) null); // the root row, gone
    shop.emit();

    assertThat(shop.<Object>newWrites("products")).extracting(kv -> kv.key, kv -> kv.value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("1", null));
  }
}
