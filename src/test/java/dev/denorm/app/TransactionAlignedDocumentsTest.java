package dev.denorm.app;

import static dev.denorm.testing.ShopRows.customer;
import static dev.denorm.testing.ShopRows.line;
import static dev.denorm.testing.ShopRows.order;
import static dev.denorm.testing.ShopRows.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.assembly.plans.CustomerTreeIndex;
import dev.denorm.position.Mark;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transaction-aligned documents through the production topology of an index that nests a customer's
 * orders and their lines (the lines reach the customer through a resolver): a document that one
 * transaction changed is written only once the task's position has passed that transaction, so with
 * every one of its changes; a later transaction's change keeps it, and caps the task's mark; and a
 * document waits no longer than the hold's bound.
 */
class TransactionAlignedDocumentsTest {

  private static final String MARK = Mark.DOCUMENT_KEY_PREFIX + "0";
  private CustomerTreeDriver topology;

  /** A customer and a product committed at 0x20, written. */
  private void start(boolean aligned) {
    topology = new CustomerTreeDriver(Map.of("denorm.transactions.aligned", Boolean.toString(aligned),
        "denorm.transactions.hold.max.ms", "5000"));
    topology.insertAfter("customers", customer(1), 0x10);
    topology.insertAfter("products", product(100), 0x10);
    topology.sample(0x20);
    topology.pass();
    assertThat(topology.written()).extracting(kv -> kv.key).containsExactly("1", MARK);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  @Test
  void shouldWriteAnOrderWithItsLinesOnlyOnceThePositionPassedTheirTransaction() {
    start(true);
    double heldBefore = metric("documents-held-total");
    // one transaction after the commit at 0x20: an order and its two lines, the lines coming later
    topology.insertAfter("orders", order(5, 1, null), 0x20);
    topology.pass();
    assertThat(topology.written()).as("the order alone is a state no transaction committed").isEmpty();
    topology.insertAfter("order_lines", line(1, 5, 100, 1, "1.00"), 0x20);
    topology.insertAfter("order_lines", line(2, 5, 100, 2, "2.00"), 0x20);
    topology.pass();
    assertThat(topology.written()).isEmpty();

    topology.sample(0x30); // the transaction committed at 0x30
    topology.pass();

    var written = topology.written();
    assertThat(written).extracting(kv -> kv.key).containsExactly("1", MARK);
    assertThat(text(written.get(0).value)).contains("[5 PAID: 1x Product 100, 2x Product 100]");
    assertThat(Mark.of(written.get(1).value).position()).isEqualTo(0x30);
    assertThat(metric("documents-held-total")).isEqualTo(heldBefore + 1);
    assertThat(metric("documents-unaligned-total")).isEqualTo(0.0);
  }

  /** The control: without alignment the same changes show the order without its lines first. */
  @Test
  void shouldWriteTheOrderAloneWhenNotAligned() {
    start(false);
    topology.insertAfter("orders", order(5, 1, null), 0x20);
    topology.pass();
    var written = topology.written();
    assertThat(written).extracting(kv -> kv.key).containsExactly("1");
    assertThat(text(written.get(0).value)).contains("[5 PAID: ]");
  }

  @Test
  void shouldKeepADocumentThatALaterTransactionChangedAndCapTheMarkBelowIt() {
    start(true);
    topology.insertAfter("orders", order(5, 1, null), 0x20); // transaction A, committed at 0x30
    topology.insertAfter("order_lines", line(1, 5, 100, 1, "1.00"), 0x30); // transaction B, not committed by the sample
    topology.sample(0x30);
    topology.pass();
    assertThat(topology.written()).as("the customer shows B's line, and B may have more").isEmpty();

    topology.sample(0x40);
    topology.pass();
    var written = topology.written();
    assertThat(written).extracting(kv -> kv.key).containsExactly("1", MARK);
    assertThat(text(written.get(0).value)).contains("[5 PAID: 1x Product 100]");
    assertThat(Mark.of(written.get(1).value).position()).isEqualTo(0x40);
  }

  @Test
  void shouldWriteADocumentAsItIsOnceItWaitedTheBoundAndCountIt() {
    start(true);
    topology.insertAfter("orders", order(5, 1, null), 0x20); // its commit never sampled
    topology.pass();
    assertThat(topology.written()).isEmpty();

    topology.driver.advanceWallClockTime(Duration.ofMillis(5_000));
    topology.pass();

    assertThat(topology.written()).extracting(kv -> kv.key).containsExactly("1");
    assertThat(metric("documents-unaligned-total")).isEqualTo(1.0);
  }

  private double metric(String name) {
    return topology.driver.metrics().entrySet().stream()
        .filter(e -> e.getKey().group().equals("denorm-assembly-metrics") && e.getKey().name().equals(name))
        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
  }

  private static String text(byte[] document) {
    return new CustomerTreeIndex().documentSerde().fromBytes(document).toString();
  }
}
