package dev.denorm.assembly;

import dev.denorm.serde.AvroTrust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.denorm.cdc.RowKey;
import dev.denorm.cdc.RowUpdate;
import dev.denorm.index.Children;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.ShopTables;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.OrderRow;
import dev.denorm.row.ProductRow;
import dev.denorm.serde.AvroSerde;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class RoutesTest {

  static {
    // as Indexes does for the configured indexes: so that this test passes alone too
    for (var row : List.of(OrderRow.class, OrderLineRow.class, ProductRow.class)) {
      AvroTrust.trust(row);
    }
  }

  private static final AvroSerde<OrderLineRow> LINE_SERDE = AvroSerde.of(OrderLineRow.class);
  private static final AvroSerde<ProductRow> PRODUCT_SERDE = AvroSerde.of(ProductRow.class);
  private final Root<OrderRow> order = Root.of(ShopTables.ORDERS);
  private final Children<OrderRow, OrderLineRow> lines = order.children("lines", ShopTables.ORDER_LINES, "order_id");
  private final Lookup<OrderLineRow, ProductRow> product =
      lines.lookup("product", ShopTables.PRODUCTS, "product_id").showing("sku", "name");

  private static OrderLineRow line(long orderId, int quantity) {
    return new OrderLineRow(7L, orderId, 100L, quantity, new BigDecimal("1.00"));
  }

  private static ProductRow product(String name, String price) {
    return new ProductRow(100L, "SKU", name, null, new BigDecimal(price), List.of(), Instant.EPOCH);
  }

  private static List<KeyValue<byte[], byte[]>> route(Iterable<KeyValue<byte[], byte[]>> routed) {
    var list = new ArrayList<KeyValue<byte[], byte[]>>();
    routed.forEach(list::add);
    return list;
  }

  @Test
  void shouldRouteANewChildToItsParent() {
    var routed = route(Routes.of(lines).apply(RowKey.of(7L), RowUpdate.of(LINE_SERDE, null, line(5, 1))));

    assertThat(routed).hasSize(1);
    assertThat(RowKey.fromBytes(routed.get(0).key).values()).as("(parent, own)").containsExactly(5L, 7L);
    assertThat(LINE_SERDE.fromBytes(routed.get(0).value).getQuantity()).isEqualTo(1);
  }

  @Test
  void shouldRemoveAMovedChildFromItsOldParentFirst() {
    var routed = route(Routes.of(lines).apply(RowKey.of(7L), RowUpdate.of(LINE_SERDE, line(5, 1), line(6, 1))));

    assertThat(routed).extracting(kv -> RowKey.fromBytes(kv.key).values().get(0)).containsExactly(5L, 6L);
    assertThat(routed.get(0).value).as("gone from order 5").isNull();
    assertThat(routed.get(1).value).isNotNull();
  }

  @Test
  void shouldRouteADeletedChildAsGoneFromItsParent() {
    var routed = route(Routes.of(lines).apply(RowKey.of(7L), RowUpdate.of(LINE_SERDE, line(5, 1), null)));

    assertThat(routed).hasSize(1);
    assertThat(routed.get(0).value).isNull();
  }

  @Test
  void shouldNotRouteALookupUpdateThatChangedNoShownColumn() {
    assertThat(route(Routes.of(product).apply(RowKey.of(100L), RowUpdate.of(PRODUCT_SERDE, product("Lamp", "1.00"), product("Lamp", "2.00")))))
        .isEmpty();
    assertThat(route(Routes.of(product).apply(RowKey.of(100L), RowUpdate.of(PRODUCT_SERDE, product("Lamp", "1.00"), product("Desk", "1.00")))))
        .hasSize(1);
  }

  @Test
  void shouldRouteAnUpdateOfAForeignKeyALookupFollowsEvenWhenTheRelationDoesNotShowIt() {
    var quantities = order.children("lines", ShopTables.ORDER_LINES, "order_id").showing("quantity");
    var moved = RowUpdate.of(LINE_SERDE, line(5, 1), new OrderLineRow(7L, 5L, 200L, 1, new BigDecimal("1.00")));

    assertThat(route(Routes.of(quantities).apply(RowKey.of(7L), moved))).as("no lookup from it: product_id unused").isEmpty();
    assertThat(route(Routes.of(quantities, Set.of("product_id")).apply(RowKey.of(7L), moved))).hasSize(1);
  }

  @Test
  void shouldRouteEveryInsertAndDeleteOfALookupRow() {
    assertThat(route(Routes.of(product).apply(RowKey.of(100L), RowUpdate.of(PRODUCT_SERDE, null, product("Lamp", "1.00"))))).hasSize(1);
    var deleted = route(Routes.of(product).apply(RowKey.of(100L), RowUpdate.of(PRODUCT_SERDE, product("Lamp", "1.00"), null)));
    assertThat(deleted).hasSize(1);
    assertThat(deleted.get(0).value).isNull();
  }

  @Test
  void shouldSendADocumentsRowsToOnePartitionAndLookupsToAll() {
    byte[] key = RowKey.of(5L, 7L).bytes();
    byte[] document = RowKey.of(5L).bytes();
    assertThat(RoutePartitioner.byLeading(1).partitions("t", key, null, 6).orElseThrow())
        .containsExactly(RoutePartitioner.partition(document, 6));
    assertThat(RoutePartitioner.byLeading(1).partitions("t", document, null, 6).orElseThrow())
        .containsExactly(RoutePartitioner.partition(document, 6));
  }

  @Test
  void shouldSendEachRelationsRowsOfTheOneRoutingTopicAsItsRelationNumberSays() {
    var partitioner = RoutePartitioner.byRelation(new int[] {1, 1, 0}); // root, lines, a lookup
    byte[] document = RowKey.of(5L).bytes();
    int documents = RoutePartitioner.partition(document, 6);
    assertThat(partitioner.partitions("t", RelationTags.tagged(0, document), null, 6).orElseThrow())
        .containsExactly(documents);
    assertThat(partitioner.partitions("t", RelationTags.tagged(1, RowKey.of(5L, 7L).bytes()), null, 6).orElseThrow())
        .containsExactly(documents);
    assertThat(partitioner.partitions("t", RelationTags.tagged(2, RowKey.of(100L).bytes()), null, 3).orElseThrow())
        .containsExactlyInAnyOrder(0, 1, 2);
    assertThat(partitioner.partitions("t", RelationTags.tagged(0, Keys.SNAPSHOT_END), null, 4).orElseThrow())
        .containsExactlyInAnyOrder(0, 1, 2, 3);
    // the repair topic's requests, untagged, go where the tagged rows of their document went
    assertThat(RepairTopic.partition(RowKey.of(5L), 6)).isEqualTo(documents);
  }

  @Test
  void shouldTagAndUntagARoutedKey() {
    byte[] key = RowKey.of("a", 2L).bytes();
    byte[] tagged = RelationTags.tagged(200, key);
    assertThat(RelationTags.tag(tagged)).isEqualTo(200);
    assertThat(RelationTags.untagged(tagged)).isEqualTo(key);
    assertThat(RelationTags.untagged(RelationTags.tagged(3, Keys.SNAPSHOT_END))).isEmpty();
    assertThatThrownBy(() -> RelationTags.tag(new byte[0])).hasMessageContaining("relation's number");
  }

  @Test
  void shouldRouteATablesSnapshotEndToEveryPartitionOfEveryRelation() {
    var ordersRoot = route(Routes.of(order).apply(null, RowUpdate.snapshotEnd(AvroSerde.of(OrderRow.class))));
    var lineChildren = route(Routes.of(lines).apply(null, RowUpdate.snapshotEnd(LINE_SERDE)));
    var productLookup = route(Routes.of(product).apply(null, RowUpdate.snapshotEnd(PRODUCT_SERDE)));

    for (var routed : List.of(ordersRoot, lineChildren, productLookup)) {
      assertThat(routed).hasSize(1);
      assertThat(routed.get(0).key).isEmpty();
      assertThat(routed.get(0).value).isNull();
    }
    assertThat(RoutePartitioner.byLeading(1).partitions("t", Keys.SNAPSHOT_END, null, 4).orElseThrow())
        .containsExactlyInAnyOrder(0, 1, 2, 3);
  }

  @Test
  void shouldRouteARowThatLeavesTheFilterAsGoneAndOneThatEntersAsNew() {
    var large = lines.where(l -> l.getQuantity() >= 10);

    var left = route(Routes.of(large).apply(RowKey.of(7L), RowUpdate.of(LINE_SERDE, line(5, 10), line(5, 9))));
    var entered = route(Routes.of(large).apply(RowKey.of(7L), RowUpdate.of(LINE_SERDE, line(5, 9), line(5, 12))));
    var outside = route(Routes.of(large).apply(RowKey.of(7L), RowUpdate.of(LINE_SERDE, line(5, 1), line(5, 2))));

    assertThat(left).hasSize(1);
    assertThat(left.get(0).value).as("left the filter: gone from order 5").isNull();
    assertThat(entered).hasSize(1);
    assertThat(LINE_SERDE.fromBytes(entered.get(0).value).getQuantity()).isEqualTo(12);
    assertThat(outside).as("never passed: nothing to route").isEmpty();
  }
}
