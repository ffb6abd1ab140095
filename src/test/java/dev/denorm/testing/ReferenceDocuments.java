package dev.denorm.testing;

import dev.denorm.document.Address;
import dev.denorm.document.CustomerDocument;
import dev.denorm.document.OrderCustomer;
import dev.denorm.document.OrderDocument;
import dev.denorm.document.OrderLine;
import dev.denorm.document.OrderLineProduct;
import dev.denorm.document.ProductDocument;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Documents shaped like the reference shop's (documents.md), built deterministically from a number. */
public final class ReferenceDocuments {

  private static final Instant BASE = Instant.parse("2026-03-01T09:30:00.123456Z");

  private ReferenceDocuments() {}

  public static ProductDocument product(long id, String name, String price) {
    return ProductDocument.newBuilder()
        .setId(id)
        .setSku("SKU-" + id)
        .setName(name)
        .setDescription(id % 3 == 0 ? null : "A fine " + name.toLowerCase() + " for every day")
        .setPrice(new BigDecimal(price))
        .setTags(Arrays.asList("tag-" + (id % 7), null, "shop"))
        .setUpdatedAt(BASE.plusMillis(id * 1_001))
        .build();
  }

  public static Address address(long id) {
    return Address.newBuilder()
        .setId(id)
        .setKind(id % 2 == 0 ? "home" : "work")
        .setStreet(id + " Long Street")
        .setCity("Springfield")
        .setPostalCode(id % 5 == 0 ? null : String.format("%05d", id % 100_000))
        .setCountry("DE")
        .build();
  }

  public static CustomerDocument customer(long id) {
    return CustomerDocument.newBuilder()
        .setId(id)
        .setEmail("customer" + id + "@example.com")
        .setFirstName("Ada" + id)
        .setLastName("Lovelace")
        .setCreatedAt(BASE.minusSeconds(id * 3600))
        .setAddresses(List.of(address(id * 2), address(id * 2 + 1)))
        .setOrderCount(id % 4)
        .build();
  }

  /** An order with {@code lines} lines; totals are computed exactly. */
  public static OrderDocument order(long id, int lines) {
    var orderLines = new ArrayList<OrderLine>();
    var total = BigDecimal.ZERO.setScale(2);
    for (int i = 0; i < lines; i++) {
      var unitPrice = new BigDecimal(((id * 7 + i * 13) % 5000 + 1) + ".90");
      int quantity = 1 + i % 3;
      var lineTotal = unitPrice.multiply(BigDecimal.valueOf(quantity));
      total = total.add(lineTotal);
      orderLines.add(OrderLine.newBuilder()
          .setId(id * 100 + i)
          .setQuantity(quantity)
          .setUnitPrice(unitPrice)
          .setLineTotal(lineTotal)
          .setProduct(OrderLineProduct.newBuilder().setId(i + 1L).setSku("SKU-" + (i + 1)).setName("Product " + (i + 1)).build())
          .build());
    }
    return OrderDocument.newBuilder()
        .setId(id)
        .setStatus(id % 2 == 0 ? "PAID" : "NEW")
        .setOrderedAt(BASE.plusSeconds(id))
        .setCustomer(OrderCustomer.newBuilder().setId(id % 100).setEmail("c" + (id % 100) + "@example.com")
            .setFirstName("Grace").setLastName("Hopper").build())
        .setShippingAddress(id % 3 == 0 ? null : address(id))
        .setLines(orderLines)
        .setLineCount(lines)
        .setTotal(total)
        .build();
  }
}
