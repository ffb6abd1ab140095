package dev.denorm.index.customer;

import dev.denorm.cdc.ChangeTables;
import dev.denorm.document.CustomerDocument;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.IndexStores;
import dev.denorm.index.ShopTables;
import dev.denorm.row.AddressRow;
import dev.denorm.serde.AvroSerde;
import dev.denorm.state.AddressList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;

/**
 * The {@code customers} index: a customer with its addresses (sorted by id) and order_count.
 *
 * <pre>
 * input   table-customers, table-addresses, table-orders (ChangeTables)
 * group   customers-addresses-by-customer (repartition)  address -&gt; its customer_id
 * agg     customers-addresses                             Long customer id -&gt; AddressList
 * group   customers-orders-by-customer (repartition)     order -&gt; its customer_id
 * count   customers-order-count                           Long customer id -&gt; count
 * join    customers-join-addresses, customers-join-order-count  (left joins on customer id)
 * output  KTable Long id -&gt; CustomerDocument; a customer row delete deletes the document
 * </pre>
 */
public final class CustomerIndex implements DocumentIndex<CustomerDocument> {

  @Override
  public String name() {
    return "customers";
  }

  @Override
  public AvroSerde<CustomerDocument> documentSerde() {
    return AvroSerde.of(CustomerDocument.class);
  }

  @Override
  public KTable<Long, CustomerDocument> build(StreamsBuilder builder, ChangeTables tables) {
    KTable<Long, AddressList> addresses = tables.table(ShopTables.ADDRESSES)
        .groupBy((id, address) -> KeyValue.pair(address.getCustomerId(), address),
            Grouped.with("customers-addresses-by-customer", Serdes.Long(), AvroSerde.of(AddressRow.class)))
        .aggregate(() -> new AddressList(List.of()), new AddressListAdder(), new AddressListSubtractor(),
            Named.as("customers-addresses"),
            IndexStores.byId("customers-addresses", AvroSerde.of(AddressList.class)));

    KTable<Long, Long> orderCounts = tables.table(ShopTables.ORDERS)
        .groupBy((id, order) -> KeyValue.pair(order.getCustomerId(), order.getId()),
            Grouped.with("customers-orders-by-customer", Serdes.Long(), Serdes.Long()))
        .count(Named.as("customers-order-count"),
            IndexStores.byId("customers-order-count", Serdes.Long()));

    return tables.table(ShopTables.CUSTOMERS)
        .leftJoin(addresses, new CustomerDocumentJoiner(), Named.as("customers-join-addresses"))
        .leftJoin(orderCounts, new OrderCountJoiner(), Named.as("customers-join-order-count"));
  }
}
