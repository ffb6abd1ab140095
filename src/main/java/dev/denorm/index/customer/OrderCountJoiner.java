package dev.denorm.index.customer;

import dev.denorm.document.CustomerDocument;
import org.apache.kafka.streams.kstream.ValueJoiner;

/** Sets a customer document's order_count; a customer without orders has 0. */
public final class OrderCountJoiner implements ValueJoiner<CustomerDocument, Long, CustomerDocument> {

  @Override
  public CustomerDocument apply(CustomerDocument document, Long orderCount) {
    return new CustomerDocument(document.getId(), document.getEmail(), document.getFirstName(), document.getLastName(),
        document.getCreatedAt(), document.getAddresses(), orderCount == null ? 0L : orderCount);
  }
}
