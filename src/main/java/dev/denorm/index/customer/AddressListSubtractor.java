package dev.denorm.index.customer;

import dev.denorm.index.SortedById;
import dev.denorm.row.AddressRow;
import dev.denorm.state.AddressList;
import org.apache.kafka.streams.kstream.Aggregator;

/**
 * Removes an address from its (old) customer's list: the address was deleted, changed, or moved
 * to another customer. An emptied list is dropped from the store (null).
 */
public final class AddressListSubtractor implements Aggregator<Long, AddressRow, AddressList> {

  @Override
  public AddressList apply(Long customerId, AddressRow address, AddressList list) {
    var remaining = SortedById.remove(list.getItems(), address.getId(), AddressRow::getId);
    return remaining.isEmpty() ? null : new AddressList(remaining);
  }
}
