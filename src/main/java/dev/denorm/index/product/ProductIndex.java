package dev.denorm.index.product;

import dev.denorm.cdc.ChangeTables;
import dev.denorm.document.ProductDocument;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.ShopTables;
import dev.denorm.serde.AvroSerde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;

/**
 * The {@code products} index: one document per shop.products row.
 *
 * <pre>
 * input  table-products (ChangeTables)    Long id -&gt; ProductRow
 * map    products-document                ProductRow -&gt; ProductDocument (not materialized)
 * output KTable Long id -&gt; ProductDocument; deleting the row deletes the document
 * </pre>
 */
public final class ProductIndex implements DocumentIndex<ProductDocument> {

  @Override
  public String name() {
    return "products";
  }

  @Override
  public AvroSerde<ProductDocument> documentSerde() {
    return AvroSerde.of(ProductDocument.class);
  }

  @Override
  public KTable<Long, ProductDocument> build(StreamsBuilder builder, ChangeTables tables) {
    return tables.table(ShopTables.PRODUCTS).mapValues(new ProductDocumentMapper(), Named.as("products-document"));
  }
}
