package dev.denorm.index.order;

import dev.denorm.cdc.ChangeTables;
import dev.denorm.document.OrderDocument;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.IndexStores;
import dev.denorm.index.ShopTables;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.OrderRow;
import dev.denorm.serde.AvroSerde;
import dev.denorm.state.CustomerOrder;
import dev.denorm.state.PricedLine;
import dev.denorm.state.PricedLineList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TableJoined;

/**
 * The {@code orders} index: an order with its customer, shipping address and priced lines.
 *
 * <pre>
 * input   table-orders, table-order_lines, table-products, table-customers, table-addresses
 * fk-join orders-line-product      line.product_id -&gt; product      store orders-line-product
 * group   orders-lines-by-order (repartition)  priced line -&gt; its order_id
 * agg     orders-lines                          Long order id -&gt; PricedLineList (sorted by line id)
 * fk-join orders-customer          order.customer_id -&gt; customer   store orders-customer
 * fk-join orders-shipping-address  order.shipping_address_id -&gt; address (left; null id allowed)
 *                                                                 store orders-shipping-address
 * join    orders-join-lines        left join on order id, builds the document
 * output  KTable Long id -&gt; OrderDocument; an order row delete deletes the document
 * </pre>
 */
public final class OrderIndex implements DocumentIndex<OrderDocument> {

  @Override
  public String name() {
    return "orders";
  }

  @Override
  public AvroSerde<OrderDocument> documentSerde() {
    return AvroSerde.of(OrderDocument.class);
  }

  @Override
  public KTable<Long, OrderDocument> build(StreamsBuilder builder, ChangeTables tables) {
    KTable<Long, PricedLine> pricedLines = tables.table(ShopTables.ORDER_LINES)
        .join(tables.table(ShopTables.PRODUCTS), OrderLineRow::getProductId, new LineProductJoiner(),
            TableJoined.as("orders-line-product"), IndexStores.byId("orders-line-product", AvroSerde.of(PricedLine.class)));

    KTable<Long, PricedLineList> linesByOrder = pricedLines
        .groupBy((lineId, line) -> KeyValue.pair(line.getLine().getOrderId(), line),
            Grouped.with("orders-lines-by-order", Serdes.Long(), AvroSerde.of(PricedLine.class)))
        .aggregate(() -> new PricedLineList(List.of()), new LineListAdder(), new LineListSubtractor(),
            Named.as("orders-lines"), IndexStores.byId("orders-lines", AvroSerde.of(PricedLineList.class)));

    KTable<Long, CustomerOrder> withCustomer = tables.table(ShopTables.ORDERS)
        .join(tables.table(ShopTables.CUSTOMERS), OrderRow::getCustomerId, new OrderCustomerJoiner(),
            TableJoined.as("orders-customer"), IndexStores.byId("orders-customer", AvroSerde.of(CustomerOrder.class)));

    KTable<Long, CustomerOrder> withAddress = withCustomer
        .leftJoin(tables.table(ShopTables.ADDRESSES), order -> order.getOrder().getShippingAddressId(),
            new ShippingAddressJoiner(), TableJoined.as("orders-shipping-address"),
            IndexStores.byId("orders-shipping-address", AvroSerde.of(CustomerOrder.class)));

    return withAddress.leftJoin(linesByOrder, new OrderDocumentJoiner(), Named.as("orders-join-lines"));
  }

}
