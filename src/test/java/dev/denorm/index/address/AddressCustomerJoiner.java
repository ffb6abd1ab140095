package dev.denorm.index.address;

import dev.denorm.document.AddressDocument;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import org.apache.kafka.streams.kstream.ValueJoiner;

/** An address with its customer's email. */
public final class AddressCustomerJoiner implements ValueJoiner<AddressRow, CustomerRow, AddressDocument> {

  @Override
  public AddressDocument apply(AddressRow address, CustomerRow customer) {
    return new AddressDocument(address.getId(), address.getCity(), customer.getEmail());
  }
}
