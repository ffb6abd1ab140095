package dev.denorm.index.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.index.order.OrderDocumentAssembler.PricedLine;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.OrderRow;
import dev.denorm.row.ProductRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderDocumentAssemblerTest {

  private final OrderDocumentAssembler assembler = new OrderDocumentAssembler();
  private final OrderRow order = new OrderRow(5L, 1L, "PAID", Instant.parse("2026-01-01T00:00:00Z"), 10L);
  private final CustomerRow customer = new CustomerRow(1L, "a@b.c", "Ada", "L", Instant.EPOCH);
  private final ProductRow product = new ProductRow(100L, "SKU", "Thing", "long", new BigDecimal("9.99"), List.of(), Instant.EPOCH);
  private final AddressRow address = new AddressRow(10L, 1L, "shipping", "1 Main St", "Oslo", null, "NO");

  private PricedLine line(long id, int quantity, String unitPrice) {
    return new PricedLine(new OrderLineRow(id, 5L, 100L, quantity, new BigDecimal(unitPrice)), product);
  }

  @Test
  void shouldComputeExactLineTotalsAndTotal() {
    var doc = assembler.assemble(order, customer, address, List.of(line(1, 3, "19.90"), line(2, 1, "0.10")));

    assertThat(doc.getLines().get(0).getLineTotal()).isEqualByComparingTo("59.70");
    assertThat(doc.getTotal()).isEqualTo(new BigDecimal("59.80"));
    assertThat(doc.getLineCount()).isEqualTo(2);
  }

  @Test
  void shouldShowOnlyTheProductColumnsTheDocumentHas() {
    var product = assembler.assemble(order, customer, address, List.of(line(1, 2, "1.50"))).getLines().get(0).getProduct();

    assertThat(product.getId()).isEqualTo(100L);
    assertThat(product.getSku()).isEqualTo("SKU");
    assertThat(product.getName()).isEqualTo("Thing");
  }

  @Test
  void shouldHaveEmptyLinesAndZeroTotalWithoutLines() {
    var doc = assembler.assemble(order, customer, null, List.of());

    assertThat(doc.getLines()).isEmpty();
    assertThat(doc.getLineCount()).isZero();
    assertThat(doc.getTotal()).isEqualTo(new BigDecimal("0.00"));
    assertThat(doc.getShippingAddress()).isNull();
  }

  @Test
  void shouldCopyCustomerAndShippingAddress() {
    var doc = assembler.assemble(order, customer, address, List.of());

    assertThat(doc.getCustomer().getEmail()).isEqualTo("a@b.c");
    assertThat(doc.getShippingAddress().getCity()).isEqualTo("Oslo");
    assertThat(doc.getStatus()).isEqualTo("PAID");
  }
}
