package dev.denorm.testing;

import dev.denorm.document.Address;
import dev.denorm.document.CustomerDocument;
import dev.denorm.document.OrderDocument;
import dev.denorm.document.ProductDocument;
import dev.denorm.index.Addresses;
import dev.denorm.index.Children;
import dev.denorm.index.Lookup;
import dev.denorm.index.Root;
import dev.denorm.index.Rows;
import dev.denorm.index.customer.CustomerDocumentAssembler;
import dev.denorm.index.order.OrderDocumentAssembler;
import dev.denorm.index.order.OrderDocumentAssembler.PricedLine;
import dev.denorm.index.product.ProductIndex;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.row.OrderLineRow;
import dev.denorm.row.OrderRow;
import dev.denorm.row.ProductRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Documents of the reference shop's indexes (docs/documents.md), built deterministically from a
 * number: rows made up from it, assembled by the indexes' own assemblers, so every field the
 * assemblers compute is there.
 */
public final class ReferenceDocuments {

  private static final Instant BASE = Instant.parse("2026-03-01T09:30:00.123456Z");

  private ReferenceDocuments() {}

  public static ProductDocument product(long id, String name, String price) {
    return new ProductIndex().assemble(rootOnly(productRow(id, name, price)));
  }

  public static Address address(long id) {
    return Addresses.toDocument(addressRow(id, id));
  }

  public static CustomerDocument customer(long id) {
    var customer = new CustomerRow(id, "customer" + id + "@example.com", "Ada" + id, "Lovelace", BASE.minusSeconds(id * 3600));
    return new CustomerDocumentAssembler().assemble(customer, List.of(addressRow(id * 2, id), addressRow(id * 2 + 1, id)), id % 4);
  }

  /** An order with {@code lines} lines; totals are computed exactly. */
  public static OrderDocument order(long id, int lines) {
    long customerId = id % 100;
    var customer = new CustomerRow(customerId, "c" + customerId + "@example.com", "Grace", "Hopper", BASE);
    var shippingAddress = id % 3 == 0 ? null : addressRow(id, customerId);
    var order = new OrderRow(id, customerId, id % 2 == 0 ? "PAID" : "NEW", BASE.plusSeconds(id),
        shippingAddress == null ? null : shippingAddress.getId());
    var pricedLines = new ArrayList<PricedLine>();
    for (int i = 0; i < lines; i++) {
      var unitPrice = new BigDecimal(((id * 7 + i * 13) % 5000 + 1) + ".90");
      var product = productRow(i + 1L, "Product " + (i + 1), unitPrice.toPlainString());
      pricedLines.add(new PricedLine(new OrderLineRow(id * 100 + i, id, product.getId(), 1 + i % 3, unitPrice), product));
    }
    return new OrderDocumentAssembler().assemble(order, customer, shippingAddress, pricedLines);
  }

  private static ProductRow productRow(long id, String name, String price) {
    return new ProductRow(id, "SKU-" + id, name, id % 3 == 0 ? null : "A fine " + name.toLowerCase() + " for every day",
        new BigDecimal(price), Arrays.asList("tag-" + (id % 7), null, "shop"), BASE.plusMillis(id * 1_001));
  }

  private static AddressRow addressRow(long id, long customerId) {
    return new AddressRow(id, customerId, id % 2 == 0 ? "home" : "work", id + " Long Street", "Springfield",
        id % 5 == 0 ? null : String.format("%05d", id % 100_000), "DE");
  }

  /** The rows of a document that has its root row and no other. */
  private static Rows rootOnly(SpecificRecord row) {
    return new Rows() {
      @Override
      @SuppressWarnings("unchecked")
      public <R extends SpecificRecord> R root(Root<R> root) {
        return (R) row;
      }

      @Override
      public <C extends SpecificRecord> List<C> children(Children<?, C> children) {
        return List.of();
      }

      @Override
      public <P extends SpecificRecord, C extends SpecificRecord> List<C> children(Children<P, C> children, P parent) {
        return List.of();
      }

      @Override
      public <F extends SpecificRecord, T extends SpecificRecord> T lookup(Lookup<F, T> lookup, F from) {
        return null;
      }
    };
  }
}
