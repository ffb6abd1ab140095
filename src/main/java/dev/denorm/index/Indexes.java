package dev.denorm.index;

import dev.denorm.index.customer.CustomerIndex;
import dev.denorm.index.order.OrderIndex;
import dev.denorm.index.product.ProductIndex;
import java.util.List;

/** The one place that lists the indexes this application maintains. Add a new index here. */
public final class Indexes {

  private Indexes() {}

  public static List<DocumentIndex<?>> all() {
    return List.of(new ProductIndex(), new CustomerIndex(), new OrderIndex());
  }
}
