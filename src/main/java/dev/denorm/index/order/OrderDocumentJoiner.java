package dev.denorm.index.order;

import dev.denorm.document.OrderCustomer;
import dev.denorm.document.OrderDocument;
import dev.denorm.document.OrderLine;
import dev.denorm.document.OrderLineProduct;
import dev.denorm.index.Addresses;
import dev.denorm.row.OrderLineRow;
import dev.denorm.state.CustomerOrder;
import dev.denorm.state.PricedLine;
import dev.denorm.state.PricedLineList;
import java.math.BigDecimal;
import java.util.List;
import org.apache.kafka.streams.kstream.ValueJoiner;

/**
 * Builds the order document from the order (with customer and shipping address) and its lines:
 * line_total = quantity * unit_price, total = the sum, both exact (BigDecimal); no lines gives
 * an empty list, line_count 0 and total 0.
 */
public final class OrderDocumentJoiner implements ValueJoiner<CustomerOrder, PricedLineList, OrderDocument> {

  private static final int MONEY_SCALE = 2;

  @Override
  public OrderDocument apply(CustomerOrder order, PricedLineList lines) {
    List<OrderLine> nested = lines == null ? List.of() : lines.getItems().stream().map(OrderDocumentJoiner::line).toList();
    BigDecimal total = nested.stream().map(OrderLine::getLineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    var customer = order.getCustomer();
    var address = order.getShippingAddress();
    return OrderDocument.newBuilder()
        .setId(order.getOrder().getId())
        .setStatus(order.getOrder().getStatus())
        .setOrderedAt(order.getOrder().getOrderedAt())
        .setCustomer(new OrderCustomer(customer.getId(), customer.getEmail(), customer.getFirstName(), customer.getLastName()))
        .setShippingAddress(address == null ? null : Addresses.toDocument(address))
        .setLines(nested)
        .setLineCount(nested.size())
        .setTotal(total.setScale(MONEY_SCALE))
        .build();
  }

  private static OrderLine line(PricedLine priced) {
    OrderLineRow line = priced.getLine();
    var product = priced.getProduct();
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
