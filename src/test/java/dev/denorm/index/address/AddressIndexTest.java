package dev.denorm.index.address;

import static dev.denorm.testing.ShopRows.address;
import static dev.denorm.testing.ShopRows.customer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.document.AddressDocument;
import dev.denorm.testing.IndexTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The README's worked example, alone in the test driver with the two tables it reads. */
class AddressIndexTest {

  private final IndexTestDriver shop = new IndexTestDriver(new AddressIndex());

  @AfterEach
  void close() {
    shop.close();
  }

  @Test
  void shouldIndexAddressesWithTheirCustomersEmailAndFollowEmailChanges() {
    shop.insert("customers", customer(1)).insert("addresses", address(3, 1)).emit();
    assertThat(shop.<AddressDocument>documents("addresses").get("3").getCustomerEmail()).isEqualTo("c1@example.com");

    shop.update("customers", customer(1).with("email", "new@example.com")).emit();

    assertThat(shop.<AddressDocument>documents("addresses").get("3").getCustomerEmail()).isEqualTo("new@example.com");
  }
}
