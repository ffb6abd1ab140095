package dev.denorm.index.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import dev.denorm.state.AddressList;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerJoinersTest {

  private final CustomerRow customer = new CustomerRow(1L, "a@b.c", "Ada", "L", Instant.parse("2026-01-01T00:00:00.000001Z"));

  @Test
  void shouldBuildDocumentWithEmptyAddressesWhenCustomerHasNone() {
    var doc = new CustomerDocumentJoiner().apply(customer, null);

    assertThat(doc.getAddresses()).isEmpty();
    assertThat(doc.getOrderCount()).isZero();
    assertThat(doc.getCreatedAt()).isEqualTo(customer.getCreatedAt());
  }

  @Test
  void shouldNestEveryAddressColumn() {
    var address = new AddressRow(3L, 1L, "shipping", "Main", "Town", "123", "B ");
    var doc = new CustomerDocumentJoiner().apply(customer, new AddressList(List.of(address)));

    var nested = doc.getAddresses().get(0);
    assertThat(List.of(nested.getId(), nested.getKind(), nested.getStreet(), nested.getCity(), nested.getPostalCode(), nested.getCountry()))
        .containsExactly(3L, "shipping", "Main", "Town", "123", "B ");
  }

  @Test
  void shouldSetOrderCountAndTreatMissingCountAsZero() {
    var doc = new CustomerDocumentJoiner().apply(customer, null);

    assertThat(new OrderCountJoiner().apply(doc, 4L).getOrderCount()).isEqualTo(4);
    assertThat(new OrderCountJoiner().apply(doc, null).getOrderCount()).isZero();
    assertThat(doc.getOrderCount()).as("input untouched").isZero();
  }
}
