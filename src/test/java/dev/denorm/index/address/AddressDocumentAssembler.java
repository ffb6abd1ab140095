package dev.denorm.index.address;

import dev.denorm.document.AddressDocument;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;

/** An address with its customer's email. */
public final class AddressDocumentAssembler {

  public AddressDocument assemble(AddressRow address, CustomerRow customer) {
    return new AddressDocument(address.getId(), address.getCity(), customer.getEmail());
  }
}
