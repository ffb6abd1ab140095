package dev.denorm.example.productsales;

import dev.denorm.index.Children;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.index.ShopTables;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.ProductRow;
import dev.denorm.serde.AvroSerde;
import java.util.ArrayList;

/**
 * The "Change a document" example of docs/writing-an-index.md, compiled and tested with the suite: the products
 * index with {@code times_ordered} and {@code total_quantity} computed from order_lines. Against
 * dev.denorm.index.product.ProductIndex it adds one relation ({@link #LINES}), its use in
 * {@link #assemble} and the two fields in the schema and the oracle SQL.
 */
public final class ProductSalesIndex implements DocumentIndex<ProductSalesDocument> {

  static final Root<ProductRow> PRODUCT = Root.of(ShopTables.PRODUCTS);
  // new: a product's order lines, of which only the quantity is used (a price change routes nothing)
  static final Children<ProductRow, OrderLineRow> LINES =
      PRODUCT.children("lines", ShopTables.ORDER_LINES, "product_id").showing("quantity");

  @Override
  public String name() {
    return "products";
  }

  @Override
  public AvroSerde<ProductSalesDocument> documentSerde() {
    return AvroSerde.of(ProductSalesDocument.class);
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(PRODUCT, LINES);
  }

  @Override
  public ProductSalesDocument assemble(Rows rows) {
    ProductRow product = rows.root(PRODUCT);
    var lines = rows.children(LINES);
    return ProductSalesDocument.newBuilder()
        .setId(product.getId())
        .setSku(product.getSku())
        .setName(product.getName())
        .setDescription(product.getDescription())
        .setPrice(product.getPrice())
        .setTags(new ArrayList<>(product.getTags()))
        .setUpdatedAt(product.getUpdatedAt())
        .setTimesOrdered(lines.size())
        .setTotalQuantity(lines.stream().mapToLong(OrderLineRow::getQuantity).sum())
        .build();
  }
}
