package dev.denorm.index.product;

import dev.denorm.document.ProductDocument;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.DocumentPlan;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.index.ShopTables;
import dev.denorm.row.ProductRow;
import dev.denorm.serde.AvroSerde;

/**
 * The {@code products} index: one document per shop.products row.
 *
 * <pre>
 * root  products   every column, as is (ProductDocumentMapper)
 * </pre>
 */
public final class ProductIndex implements DocumentIndex<ProductDocument> {

  static final Root<ProductRow> PRODUCT = Root.of(ShopTables.PRODUCTS);

  private final ProductDocumentMapper mapper = new ProductDocumentMapper();

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
    return mapper.apply(rows.root(PRODUCT));
  }
}
