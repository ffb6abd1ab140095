package dev.denorm.index.product;

import dev.denorm.document.ProductDocument;
import dev.denorm.row.ProductRow;
import java.util.ArrayList;
import org.apache.kafka.streams.kstream.ValueMapper;

/** A products row as its document: every column, as is. */
public final class ProductDocumentMapper implements ValueMapper<ProductRow, ProductDocument> {

  @Override
  public ProductDocument apply(ProductRow row) {
    return ProductDocument.newBuilder()
        .setId(row.getId())
        .setSku(row.getSku())
        .setName(row.getName())
        .setDescription(row.getDescription())
        .setPrice(row.getPrice())
        .setTags(new ArrayList<>(row.getTags()))
        .setUpdatedAt(row.getUpdatedAt())
        .build();
  }
}
