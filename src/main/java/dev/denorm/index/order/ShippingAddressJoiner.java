package dev.denorm.index.order;

import dev.denorm.row.AddressRow;
import dev.denorm.state.CustomerOrder;
import org.apache.kafka.streams.kstream.ValueJoiner;

/** Adds the shipping address to an order; null when the order has none or it does not exist. */
public final class ShippingAddressJoiner implements ValueJoiner<CustomerOrder, AddressRow, CustomerOrder> {

  @Override
  public CustomerOrder apply(CustomerOrder order, AddressRow address) {
    return new CustomerOrder(order.getOrder(), order.getCustomer(), address);
  }
}
