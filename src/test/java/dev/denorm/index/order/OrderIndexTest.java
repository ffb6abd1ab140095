package dev.denorm.index.order;

import dev.denorm.cdc.RowKey;
import java.time.Duration;
import static dev.denorm.testing.ShopRows.address;
import static dev.denorm.testing.ShopRows.customer;
import static dev.denorm.testing.ShopRows.line;
import static dev.denorm.testing.ShopRows.order;
import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.document.OrderDocument;
import dev.denorm.document.ProductDocument;
import dev.denorm.document.OrderLine;
import dev.denorm.index.product.ProductIndex;
import dev.denorm.testkit.IndexTestDriver;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OrderIndexTest {

  private final IndexTestDriver shop = new IndexTestDriver(new OrderIndex());

  @AfterEach
  void close() {
    shop.close();
  }

  private OrderDocument latest(long id) {
    return shop.<OrderDocument>documents("orders").get(Long.toString(id));
  }

  /** Customer 1 with shipping address 10, products 100 and 200. */
  private IndexTestDriver givenCustomerAndProducts() {
    return shop.insert("customers", customer(1)).insert("addresses", address(10, 1))
        .insert("products", product(100)).insert("products", product(200).with("name", "Other"));
  }

  @Test
  void shouldBuildFullDocumentWhenParentsComeFirst() {
    givenCustomerAndProducts().insert("orders", order(5, 1, 10L))
        .insert("order_lines", line(52, 5, 200, 1, "0.10"))
        .insert("order_lines", line(51, 5, 100, 3, "19.90")).emit();

    OrderDocument doc = latest(5);
    assertThat(doc.getId()).isEqualTo(5L);
    assertThat(doc.getStatus()).isEqualTo("PAID");
    assertThat(doc.getOrderedAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00.500Z"));
    assertThat(doc.getCustomer().getId()).isEqualTo(1L);
    assertThat(doc.getCustomer().getEmail()).isEqualTo("c1@example.com");
    assertThat(doc.getCustomer().getFirstName()).isEqualTo("Ada1");
    assertThat(doc.getCustomer().getLastName()).isEqualTo("Lovelace");
    assertThat(doc.getShippingAddress().getId()).isEqualTo(10L);
    assertThat(doc.getShippingAddress().getCountry()).isEqualTo("B ");
    List<OrderLine> lines = doc.getLines();
    assertThat(lines).extracting(OrderLine::getId).containsExactly(51L, 52L);
    OrderLine first = lines.get(0);
    assertThat(first.getQuantity()).isEqualTo(3);
    assertThat(first.getUnitPrice()).isEqualByComparingTo("19.9");
    assertThat(first.getLineTotal()).isEqualByComparingTo("59.70");
    assertThat(first.getProduct().getId()).isEqualTo(100L);
    assertThat(first.getProduct().getSku()).isEqualTo("SKU-100");
    assertThat(first.getProduct().getName()).isEqualTo("Product 100");
    assertThat(doc.getLineCount()).isEqualTo(2);
    assertThat(doc.getTotal()).isEqualByComparingTo("59.80");
  }

  @Test
  void shouldBuildDocumentWhenChildrenComeBeforeParents() {
    shop.insert("order_lines", line(1, 5, 100, 2, "1.25")).insert("orders", order(5, 1, 10L)).emit();
    assertThat(shop.newWrites("orders")).as("no customer yet").isEmpty();

    shop.insert("products", product(100)).insert("addresses", address(10, 1)).insert("customers", customer(1)).emit();

    OrderDocument doc = latest(5);
    assertThat(doc.getLines()).extracting(OrderLine::getId).containsExactly(1L);
    assertThat(doc.getTotal()).isEqualByComparingTo("2.50");
    assertThat(doc.getShippingAddress().getId()).isEqualTo(10L);
  }

  @Test
  void shouldHaveEmptyLinesZeroCountAndZeroTotalWithoutLines() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null)).emit();

    OrderDocument doc = latest(5);
    assertThat(doc.getLines()).isEmpty();
    assertThat(doc.getLineCount()).isZero();
    assertThat(doc.getTotal()).isEqualByComparingTo("0");
    assertThat(doc.getShippingAddress()).isNull();
  }

  @Test
  void shouldUpdateLinesCountAndTotalWhenLineDeleted() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null))
        .insert("order_lines", line(1, 5, 100, 1, "10.00")).insert("order_lines", line(2, 5, 200, 1, "5.00")).emit();

    shop.delete("order_lines", 1).emit();

    OrderDocument doc = latest(5);
    assertThat(doc.getLines()).extracting(OrderLine::getId).containsExactly(2L);
    assertThat(doc.getLineCount()).isEqualTo(1);
    assertThat(doc.getTotal()).isEqualByComparingTo("5");
    shop.delete("order_lines", 2).emit();
    assertThat(latest(5).getTotal()).isEqualByComparingTo("0");
  }

  @Test
  void shouldEmitTombstoneWhenOrderDeleted() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null)).insert("order_lines", line(1, 5, 100, 1, "1.00")).emit();
    shop.newWrites("orders");

    shop.delete("order_lines", 1).delete("orders", 5).emit();

    assertThat(shop.<OrderDocument>newWrites("orders")).containsExactly(KeyValue.pair("5", null));
  }

  @Test
  void shouldEmptyEveryOrdersLinesWhenTheLinesTableIsTruncated() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null)).insert("orders", order(6, 1, null))
        .insert("order_lines", line(1, 5, 100, 1, "10.00")).insert("order_lines", line(2, 6, 200, 2, "5.00")).emit();

    shop.truncate("order_lines").emit();

    assertThat(latest(5).getLines()).isEmpty();
    assertThat(latest(6).getLines()).isEmpty();
    assertThat(latest(6).getTotal()).isEqualByComparingTo("0");
    shop.insert("order_lines", line(3, 6, 100, 1, "1.00")).emit();
    assertThat(latest(6).getLines()).as("rows after the truncate count").extracting(OrderLine::getId).containsExactly(3L);
  }

  @Test
  void shouldDeleteEveryOrderWhenOrdersAndLinesAreTruncatedTogether() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null)).insert("orders", order(6, 1, null))
        .insert("order_lines", line(1, 5, 100, 1, "10.00")).emit();
    shop.newWrites("orders");

    // TRUNCATE shop.orders CASCADE: Debezium sends one truncate per table
    shop.truncate("orders", "order_lines").emit();

    assertThat(shop.<OrderDocument>newWrites("orders")).containsExactlyInAnyOrder(KeyValue.pair("5", null), KeyValue.pair("6", null));
    assertThat(shop.<OrderDocument>documents("orders")).containsOnlyKeys("5", "6").allSatisfy((id, doc) -> assertThat(doc).isNull());
  }

  @Test
  void shouldEmitNothingWhenDeletingRowsThatNeverExisted() {
    givenCustomerAndProducts().emit();

    shop.delete("orders", 404).delete("order_lines", 405).emit();

    assertThat(shop.newWrites("orders")).isEmpty();
  }

  @Test
  void shouldUpdateEveryOrderWithALineForAProductWhenItIsRenamed() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null)).insert("orders", order(6, 1, null))
        .insert("orders", order(7, 1, null))
        .insert("order_lines", line(1, 5, 100, 1, "1.00")).insert("order_lines", line(2, 6, 100, 1, "1.00"))
        .insert("order_lines", line(3, 7, 200, 1, "1.00")).emit().newWrites("orders");

    shop.update("products", product(100).with("name", "Renamed")).emit();

    var docs = shop.<OrderDocument>newDocuments("orders");
    assertThat(docs).containsOnlyKeys("5", "6");
    assertThat(docs.get("5").getLines().get(0).getProduct().getName()).isEqualTo("Renamed");
    assertThat(docs.get("6").getLines().get(0).getProduct().getName()).isEqualTo("Renamed");
  }

  @Test
  void shouldEmitOneOrderDocumentWhenRenameTouchesManyOfItsLines() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null));
    for (int id = 1; id <= 20; id++) {
      shop.insert("order_lines", line(id, 5, 100, id, "2.00"));
    }
    shop.emit().newWrites("orders");

    shop.update("products", product(100).with("name", "Renamed")).emit();

    List<KeyValue<String, OrderDocument>> emitted = shop.newWrites("orders");
    assertThat(emitted).hasSize(1);
    assertThat(emitted.get(0).value.getLines()).hasSize(20)
        .allSatisfy(line -> assertThat(line.getProduct().getName()).isEqualTo("Renamed"));
  }

  @Test
  void shouldUpdateOrderWhenItMovesToAnotherCustomer() {
    givenCustomerAndProducts().insert("customers", customer(2)).insert("orders", order(5, 1, null)).emit();

    shop.update("orders", order(5, 2, null)).emit();

    assertThat(latest(5).getCustomer().getId()).isEqualTo(2L);
  }

  @Test
  void shouldUpdateOrdersWhenTheirCustomerChanges() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null)).emit();

    shop.update("customers", customer(1).with("email", "changed@example.com")).emit();

    assertThat(latest(5).getCustomer().getEmail()).isEqualTo("changed@example.com");
  }

  @Test
  void shouldFollowShippingAddressChangesAndDeletes() {
    givenCustomerAndProducts().insert("addresses", address(11, 1)).insert("orders", order(5, 1, 10L)).emit();

    shop.update("orders", order(5, 1, 11L)).emit();
    assertThat(latest(5).getShippingAddress().getId()).isEqualTo(11L);

    shop.update("addresses", address(11, 1).with("city", "Shelbyville")).emit();
    assertThat(latest(5).getShippingAddress().getCity()).isEqualTo("Shelbyville");

    shop.delete("addresses", 11).emit();
    assertThat(latest(5).getShippingAddress()).isNull();
  }

  @Test
  void shouldUpdateBothOrdersWhenLineMovesToAnotherOrder() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null)).insert("orders", order(6, 1, null))
        .insert("order_lines", line(1, 5, 100, 2, "3.00")).emit();

    shop.update("order_lines", line(1, 6, 100, 2, "3.00")).emit();

    var docs = shop.<OrderDocument>documents("orders");
    assertThat(docs.get("5").getLines()).isEmpty();
    assertThat(docs.get("6").getTotal()).isEqualByComparingTo("6");
  }

  @Test
  void shouldFollowLineProductChange() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null)).insert("order_lines", line(1, 5, 100, 1, "1.00")).emit();

    shop.update("order_lines", line(1, 5, 200, 1, "1.00")).emit();

    assertThat(latest(5).getLines().get(0).getProduct().getName()).isEqualTo("Other");
  }

  @Test
  void shouldMoveLineWhenItsPrimaryKeyChanges() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null)).insert("order_lines", line(1, 5, 100, 1, "1.00")).emit();

    shop.delete("order_lines", 1).insert("order_lines", line(9, 5, 100, 1, "1.00")).emit();

    assertThat(latest(5).getLines()).extracting(OrderLine::getId).containsExactly(9L);
  }

  @Test
  void shouldComputeExactTotalsWithoutFloatingPointError() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null));
    for (int id = 1; id <= 10; id++) {
      shop.insert("order_lines", line(id, 5, 100, 3, "0.10"));
    }
    shop.insert("order_lines", line(11, 5, 100, 2147483647, "9999999999.99")).emit();

    OrderDocument doc = latest(5);
    assertThat(doc.getTotal()).isEqualTo(new BigDecimal("21474836469978525166.53"));
    assertThat(doc.getLines().get(10).getLineTotal()).isEqualTo(new BigDecimal("21474836469978525163.53"));
  }

  @Test
  void shouldNotRewriteOrdersWhenAProductColumnTheyDoNotShowChanges() {
    // with the products index next to it, to see that the price change itself was processed
    try (var both = new IndexTestDriver(new OrderIndex(), new ProductIndex())) {
      both.insert("customers", customer(1)).insert("products", product(100))
          .insert("orders", order(5, 1, null)).insert("order_lines", line(1, 5, 100, 1, "1.00")).emit();
      both.newWrites("orders");

      both.update("products", product(100).with("price", "77.00")).emit().emit();

      assertThat(both.newWrites("orders")).as("the order document did not change").isEmpty();
      assertThat(both.<ProductDocument>documents("products").get("100").getPrice()).isEqualByComparingTo("77.00");
    }
  }

  @Test
  void shouldEmitEachChangedOrderOnceAcrossLaterEmitIntervals() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null)).insert("order_lines", line(1, 5, 100, 1, "1.00"))
        .emit().emit().emit();

    assertThat(shop.newWrites("orders")).extracting(kv -> kv.key).containsExactly("5");
  }

  @Test
  void shouldHoldOrdersWhileTheSnapshotStreamsTheirRowsIn() {
    shop.snapshot("customers", customer(1)).snapshot("products", product(100)).snapshot("orders", order(5, 1, null)).emit();
    assertThat(shop.newWrites("orders")).as("snapshot rows arrived within the hold time").isEmpty();

    shop.snapshot("order_lines", line(1, 5, 100, 2, "1.25")).emit();
    assertThat(shop.newWrites("orders")).isEmpty();

    shop.pass(Duration.ofSeconds(2));
    assertThat(shop.newWrites("orders")).as("quiet for 2 s, but no table sent its end mark: all may be mid-snapshot")
        .isEmpty();

    shop.pass(Duration.ofSeconds(29));
    List<KeyValue<String, OrderDocument>> docs = shop.newWrites("orders");
    assertThat(docs).as("one complete document once the hold's bound (denorm.snapshot.hold.max.ms) passed").hasSize(1);
    assertThat(docs.get(0).value.getLines()).extracting(OrderLine::getId).containsExactly(1L);
  }

  @Test
  void shouldHoldOrdersThroughPausesLongerThanTheHoldWhileTheirLinesAreMidSnapshot() {
    shop.snapshotLast("customers", customer(1)).snapshotLast("addresses", address(10, 1))
        .snapshotLast("products", product(100)).snapshotLast("orders", order(5, 1, null))
        .snapshot("order_lines", line(1, 5, 100, 2, "1.25"));

    shop.pass(Duration.ofSeconds(5));
    assertThat(shop.newWrites("orders")).as("a busy instance got no line for 5 s; the lines' end has not come").isEmpty();

    shop.snapshotLast("order_lines", line(2, 5, 100, 1, "2.00")).pass(Duration.ofSeconds(2));
    List<KeyValue<String, OrderDocument>> docs = shop.newWrites("orders");
    assertThat(docs).as("once, with both lines").hasSize(1);
    assertThat(docs.get(0).value.getLines()).extracting(OrderLine::getId).containsExactly(1L, 2L);
  }

  @Test
  void shouldEmitOrdersAtOnceWhenEveryTableOfTheIndexEndedItsSnapshot() {
    shop.snapshotLast("customers", customer(1)).snapshotLast("addresses", address(10, 1))
        .snapshotLast("products", product(100)).snapshot("orders", order(5, 1, 10L))
        .snapshotLast("orders", order(6, 1, null)).snapshotLast("order_lines", line(1, 5, 100, 2, "1.25"));

    shop.emit();

    assertThat(shop.newDocuments("orders")).as("no wait for the hold's quiet time").containsOnlyKeys("5", "6");
  }

  @Test
  void shouldWaitTheQuietTimeNotTheBoundWhenTheFirstTableHasOneRowAndSoNoEndMark() {
    shop.snapshotFirst("addresses", address(10, 1)).snapshotLast("customers", customer(1))
        .snapshotLast("products", product(100)).snapshotLast("orders", order(5, 1, 10L))
        .snapshotLast("order_lines", line(1, 5, 100, 2, "1.25")).emit();
    assertThat(shop.newWrites("orders")).as("the addresses may go on: the quiet time first").isEmpty();

    shop.pass(Duration.ofSeconds(29));
    assertThat(shop.newWrites("orders")).as("denorm.snapshot.hold.ms (30 s) not over").isEmpty();

    shop.pass(Duration.ofSeconds(2));
    assertThat(shop.newDocuments("orders")).containsOnlyKeys("5");
  }

  @Test
  void shouldHoldOrdersWhileTheirLinesTableIsSlowToBeginAfterEveryOtherTableEnded() {
    shop.snapshotLast("products", product(100)).snapshotLast("customers", customer(1))
        .snapshotLast("addresses", address(10, 1)).snapshotLast("orders", order(5, 1, 10L)).emit();

    shop.pass(Duration.ofSeconds(10));
    assertThat(shop.newWrites("orders")).as("the connector waits for a lock on order_lines: no order without its lines")
        .isEmpty();

    shop.snapshotLast("order_lines", line(1, 5, 100, 2, "1.25")).emit();
    List<KeyValue<String, OrderDocument>> docs = shop.newWrites("orders");
    assertThat(docs).as("once, at once, with its line").hasSize(1);
    assertThat(docs.get(0).value.getLines()).extracting(OrderLine::getId).containsExactly(1L);
  }

  @Test
  void shouldEndATablesSnapshotEvenWhenItsLastRowRepeatsTheStoredOne() {
    shop.snapshotLast("customers", customer(1)).snapshotLast("addresses", address(10, 1))
        .snapshotLast("products", product(100)).snapshotLast("orders", order(5, 1, 10L))
        .snapshot("order_lines", line(1, 5, 100, 2, "1.25"));
    shop.pass(Duration.ofSeconds(5));
    assertThat(shop.newWrites("orders")).isEmpty();

    // Debezium re-sent the row after a restart: nothing changed, but the table's snapshot is over
    shop.snapshotLast("order_lines", line(1, 5, 100, 2, "1.25")).emit();

    assertThat(shop.newDocuments("orders")).containsOnlyKeys("5");
  }

  @Test
  void shouldUnmarkEmittedOrdersOnceACommitFollowedTheirEmit() {
    givenCustomerAndProducts().insert("orders", order(5, 1, null)).insert("order_lines", line(1, 5, 100, 1, "1.00")).emit();
    KeyValueStore<Bytes, byte[]> dirty = shop.driver().getKeyValueStore("orders-dirty");
    KeyValueStore<Bytes, byte[]> emitted = shop.driver().getKeyValueStore("orders-emitted");
    assertThat(emitted.approximateNumEntries()).as("not recorded before a commit confirmed the emit").isZero();

    shop.emit();

    try (var marks = dirty.all()) {
      assertThat(marks.hasNext()).as("no document left to assemble").isFalse();
    }
    assertThat(emitted.get(Bytes.wrap(RowKey.of(5L).bytes()))).hasSize(32);
  }
}
