package dev.denorm.index.order;

import dev.denorm.row.OrderLineRow;
import dev.denorm.row.ProductRow;
import dev.denorm.state.PricedLine;
import dev.denorm.state.ProductRef;
import org.apache.kafka.streams.kstream.ValueJoiner;

/** An order line with the product columns its document shows. */
public final class LineProductJoiner implements ValueJoiner<OrderLineRow, ProductRow, PricedLine> {

  @Override
  public PricedLine apply(OrderLineRow line, ProductRow product) {
    return new PricedLine(line,
        new ProductRef(product.getId(), product.getSku(), product.getName()));
  }
}
