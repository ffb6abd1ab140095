package dev.denorm.index.customer;

import dev.denorm.document.Address;
import dev.denorm.document.CustomerDocument;
import dev.denorm.index.Addresses;
import dev.denorm.row.CustomerRow;
import dev.denorm.state.AddressList;
import java.util.List;
import org.apache.kafka.streams.kstream.ValueJoiner;

/** A customer row with its addresses (none yet: an empty list) as a document; order_count starts at 0. */
public final class CustomerDocumentJoiner implements ValueJoiner<CustomerRow, AddressList, CustomerDocument> {

  @Override
  public CustomerDocument apply(CustomerRow customer, AddressList addresses) {
    List<Address> nested = addresses == null ? List.of() : addresses.getItems().stream().map(Addresses::toDocument).toList();
    return CustomerDocument.newBuilder()
        .setId(customer.getId())
        .setEmail(customer.getEmail())
        .setFirstName(customer.getFirstName())
        .setLastName(customer.getLastName())
        .setCreatedAt(customer.getCreatedAt())
        .setAddresses(nested)
        .setOrderCount(0L)
        .build();
  }
}
