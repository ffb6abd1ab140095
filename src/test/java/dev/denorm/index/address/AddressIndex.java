package dev.denorm.index.address;

import dev.denorm.cdc.ChangeTables;
import dev.denorm.document.AddressDocument;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.IndexStores;
import dev.denorm.index.ShopTables;
import dev.denorm.row.AddressRow;
import dev.denorm.serde.AvroSerde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.TableJoined;

/** The README's worked example: an {@code addresses} index, each address with its customer's email. */
public final class AddressIndex implements DocumentIndex<AddressDocument> {

  @Override
  public String name() {
    return "addresses";
  }

  @Override
  public AvroSerde<AddressDocument> documentSerde() {
    return AvroSerde.of(AddressDocument.class);
  }

  @Override
  public KTable<Long, AddressDocument> build(StreamsBuilder builder, ChangeTables tables) {
    return tables.table(ShopTables.ADDRESSES).join(tables.table(ShopTables.CUSTOMERS),
        AddressRow::getCustomerId, new AddressCustomerJoiner(),
        TableJoined.as("addresses-customer"),
        IndexStores.byId("addresses-customer", documentSerde()));
  }
}
