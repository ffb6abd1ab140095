package dev.denorm.index.order;

import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderRow;
import dev.denorm.state.CustomerOrder;
import dev.denorm.state.CustomerRef;
import org.apache.kafka.streams.kstream.ValueJoiner;

/** An order with the customer columns its document shows; the shipping address comes next. */
public final class OrderCustomerJoiner implements ValueJoiner<OrderRow, CustomerRow, CustomerOrder> {

  @Override
  public CustomerOrder apply(OrderRow order, CustomerRow customer) {
    var ref = new CustomerRef(customer.getId(), customer.getEmail(), customer.getFirstName(), customer.getLastName());
    return new CustomerOrder(order, ref, null);
  }
}
