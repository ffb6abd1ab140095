package dev.denorm.index.address;

import dev.denorm.document.AddressDocument;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.index.ShopTables;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.serde.AvroSerde;

/** The README's worked example: an {@code addresses} index, each address with its customer's email. */
public final class AddressIndex implements DocumentIndex<AddressDocument> {

  static final Root<AddressRow> ADDRESS = Root.of(ShopTables.ADDRESSES);
  static final Lookup<AddressRow, CustomerRow> CUSTOMER =
      ADDRESS.lookup("customer", ShopTables.CUSTOMERS, AddressRow::getCustomerId);

  @Override
  public String name() {
    return "addresses";
  }

  @Override
  public AvroSerde<AddressDocument> documentSerde() {
    return AvroSerde.of(AddressDocument.class);
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(ADDRESS, CUSTOMER);
  }

  @Override
  public AddressDocument assemble(Rows rows) {
    AddressRow address = rows.root(ADDRESS);
    CustomerRow customer = rows.lookup(CUSTOMER, address);
    return customer == null ? null : new AddressDocumentAssembler().assemble(address, customer);
  }
}
