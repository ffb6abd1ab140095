package dev.denorm.index.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.OrderRow;
import dev.denorm.row.ProductRow;
import dev.denorm.state.PricedLine;
import dev.denorm.state.PricedLineList;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderJoinersTest {

  private final OrderRow order = new OrderRow(5L, 1L, "PAID", Instant.parse("2026-01-01T00:00:00Z"), 10L);
  private final CustomerRow customer = new CustomerRow(1L, "a@b.c", "Ada", "L", Instant.EPOCH);
  private final ProductRow product = new ProductRow(100L, "SKU", "Thing", "long", new BigDecimal("9.99"), List.of(), Instant.EPOCH);

  private PricedLine line(long id, int quantity, String unitPrice) {
    return new LineProductJoiner().apply(new OrderLineRow(id, 5L, 100L, quantity, new BigDecimal(unitPrice)), product);
  }

  @Test
  void lineProductJoinerShouldKeepOnlyTheProductColumnsTheDocumentShows() {
    var priced = line(1, 2, "1.50");

    assertThat(priced.getProduct().getId()).isEqualTo(100L);
    assertThat(priced.getProduct().getSku()).isEqualTo("SKU");
    assertThat(priced.getProduct().getName()).isEqualTo("Thing");
  }

  @Test
  void lineListShouldStaySortedAndDropWhenEmpty() {
    var list = new LineListAdder().apply(5L, line(7, 1, "1.00"), new PricedLineList(List.of()));
    list = new LineListAdder().apply(5L, line(3, 1, "1.00"), list);
    assertThat(list.getItems()).extracting(LineListAdder::lineId).containsExactly(3L, 7L);

    list = new LineListSubtractor().apply(5L, line(3, 1, "1.00"), list);
    assertThat(list.getItems()).extracting(LineListAdder::lineId).containsExactly(7L);
    assertThat(new LineListSubtractor().apply(5L, line(7, 1, "1.00"), list)).isNull();
  }

  @Test
  void documentJoinerShouldComputeExactLineTotalsCountAndTotal() {
    var withCustomer = new OrderCustomerJoiner().apply(order, customer);
    var withAddress = new ShippingAddressJoiner().apply(withCustomer, new AddressRow(10L, 1L, "shipping", "s", "c", null, "DE"));
    var lines = new PricedLineList(List.of(line(1, 3, "0.10"), line(2, 1, "0.20")));

    var doc = new OrderDocumentJoiner().apply(withAddress, lines);

    assertThat(doc.getLines()).extracting(l -> l.getLineTotal().toPlainString()).containsExactly("0.30", "0.20");
    assertThat(doc.getLineCount()).isEqualTo(2);
    assertThat(doc.getTotal()).isEqualTo(new BigDecimal("0.50"));
    assertThat(doc.getShippingAddress().getId()).isEqualTo(10L);
    assertThat(doc.getCustomer().getEmail()).isEqualTo("a@b.c");
    assertThat(withCustomer.getShippingAddress()).as("input untouched").isNull();
  }

  @Test
  void documentJoinerShouldGiveEmptyLinesAndZeroTotalWithoutLines() {
    var doc = new OrderDocumentJoiner().apply(new OrderCustomerJoiner().apply(order, customer), null);

    assertThat(doc.getLines()).isEmpty();
    assertThat(doc.getLineCount()).isZero();
    assertThat(doc.getTotal()).isEqualTo(new BigDecimal("0.00"));
    assertThat(doc.getShippingAddress()).isNull();
  }
}
