package dev.denorm.index.product;

import dev.denorm.document.ProductDocument;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.index.ShopTables;
import dev.denorm.row.ProductRow;
import dev.denorm.serde.AvroSerde;
import java.util.ArrayList;

/**
 * The {@code products} index: one document per shop.products row.
 *
 * <pre>
 * root  products   every column, as is
 * </pre>
 */
public final class ProductIndex implements DocumentIndex<ProductDocument> {

  static final Root<ProductRow> PRODUCT = Root.of(ShopTables.PRODUCTS);

  @Override
  public String name() {
    return "products";
  }

  @Override
  public AvroSerde<ProductDocument> documentSerde() {
    return AvroSerde.of(ProductDocument.class);
  }

  @Override
  public DocumentPlan plan() {
    return DocumentPlan.of(PRODUCT);
  }

  @Override
  public ProductDocument assemble(Rows rows) {
    ProductRow product = rows.root(PRODUCT);
    return ProductDocument.newBuilder()
        .setId(product.getId())
        .setSku(product.getSku())
        .setName(product.getName())
        .setDescription(product.getDescription())
        .setPrice(product.getPrice())
        .setTags(new ArrayList<>(product.getTags()))
        .setUpdatedAt(product.getUpdatedAt())
        .build();
  }
}
