package dev.denorm.index.customer;

import dev.denorm.index.SortedById;
import dev.denorm.row.AddressRow;
import dev.denorm.state.AddressList;
import org.apache.kafka.streams.kstream.Aggregator;

/** Adds (or replaces) an address in its customer's list, keeping the list sorted by id. */
public final class AddressListAdder implements Aggregator<Long, AddressRow, AddressList> {

  @Override
  public AddressList apply(Long customerId, AddressRow address, AddressList list) {
    return new AddressList(SortedById.upsert(list.getItems(), address, AddressRow::getId));
  }
}
