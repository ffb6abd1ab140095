package dev.denorm.index.customer;

import dev.denorm.document.CustomerDocument;
import dev.denorm.index.Addresses;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import java.util.List;

/** A customer row with its addresses (sorted by id; none: an empty list) and its number of orders. */
public final class CustomerDocumentAssembler {

  public CustomerDocument assemble(CustomerRow customer, List<AddressRow> addresses, long orderCount) {
    return CustomerDocument.newBuilder()
        .setId(customer.getId())
        .setEmail(customer.getEmail())
        .setFirstName(customer.getFirstName())
        .setLastName(customer.getLastName())
        .setCreatedAt(customer.getCreatedAt())
        .setAddresses(addresses.stream().map(Addresses::toDocument).toList())
        .setOrderCount(orderCount)
        .build();
  }
}
