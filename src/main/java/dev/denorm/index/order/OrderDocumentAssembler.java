package dev.denorm.index.order;

import dev.denorm.document.OrderCustomer;
import dev.denorm.document.OrderDocument;
import dev.denorm.document.OrderLine;
import dev.denorm.document.OrderLineProduct;
import dev.denorm.index.Addresses;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.OrderRow;
import dev.denorm.row.ProductRow;
import java.math.BigDecimal;
import java.util.List;

/**
 * Builds the order document from the order, its customer, its shipping address (or none) and its
 * lines with their products: line_total = quantity * unit_price, total = the sum, both exact
 * (BigDecimal); no lines gives an empty list, line_count 0 and total 0.
 */
public final class OrderDocumentAssembler {

  private static final int MONEY_SCALE = 2;

  /** A line with the product it references. */
  public record PricedLine(OrderLineRow line, ProductRow product) {}

  public OrderDocument assemble(OrderRow order, CustomerRow customer, AddressRow shippingAddress, List<PricedLine> lines) {
    List<OrderLine> nested = lines.stream().map(OrderDocumentAssembler::line).toList();
    BigDecimal total = nested.stream().map(OrderLine::getLineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    return OrderDocument.newBuilder()
        .setId(order.getId())
        .setStatus(order.getStatus())
        .setOrderedAt(order.getOrderedAt())
        .setCustomer(new OrderCustomer(customer.getId(), customer.getEmail(), customer.getFirstName(), customer.getLastName()))
        .setShippingAddress(shippingAddress == null ? null : Addresses.toDocument(shippingAddress))
        .setLines(nested)
        .setLineCount(nested.size())
        .setTotal(total.setScale(MONEY_SCALE))
        .build();
  }

  private static OrderLine line(PricedLine priced) {
    OrderLineRow line = priced.line();
    ProductRow product = priced.product();
    BigDecimal lineTotal = line.getUnitPrice().multiply(BigDecimal.valueOf(line.getQuantity()));
    return OrderLine.newBuilder()
        .setId(line.getId())
        .setQuantity(line.getQuantity())
        .setUnitPrice(line.getUnitPrice())
        .setLineTotal(lineTotal.setScale(MONEY_SCALE))
        .setProduct(new OrderLineProduct(product.getId(), product.getSku(), product.getName()))
        .build();
  }
}
