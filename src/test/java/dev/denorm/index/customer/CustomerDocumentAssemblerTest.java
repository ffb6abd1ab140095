package dev.denorm.index.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.document.Address;
import dev.denorm.row.AddressRow;
import dev.denorm.row.CustomerRow;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerDocumentAssemblerTest {

  private final CustomerRow customer = new CustomerRow(1L, "a@b.c", "Ada", "L", Instant.EPOCH);

  @Test
  void shouldNestAddressesInTheGivenOrderWithOrderCount() {
    var doc = new CustomerDocumentAssembler().assemble(customer, List.of(
        new AddressRow(3L, 1L, "billing", "s", "Oslo", "0150", "NO"),
        new AddressRow(7L, 1L, "shipping", "t", "Lyon", null, "FR")), 4);

    assertThat(doc.getAddresses()).extracting(Address::getId).containsExactly(3L, 7L);
    assertThat(doc.getAddresses().get(1).getPostalCode()).isNull();
    assertThat(doc.getOrderCount()).isEqualTo(4L);
    assertThat(doc.getEmail()).isEqualTo("a@b.c");
  }

  @Test
  void shouldHaveEmptyAddressesWhenThereAreNone() {
    var doc = new CustomerDocumentAssembler().assemble(customer, List.of(), 0);

    assertThat(doc.getAddresses()).isEmpty();
    assertThat(doc.getOrderCount()).isZero();
  }
}
