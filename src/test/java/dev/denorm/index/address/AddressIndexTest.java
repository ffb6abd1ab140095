package dev.denorm.index.address;

import static dev.denorm.testing.ShopRows.address;
import static dev.denorm.testing.ShopRows.customer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.document.AddressDocument;
import dev.denorm.index.DocumentIndex;
import dev.denorm.index.Indexes;
import dev.denorm.testing.ShopTopologyDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The README's worked example, registered next to the built-in indexes, works end to end. */
class AddressIndexTest {

  private final ShopTopologyDriver shop = new ShopTopologyDriver(Map.of(), withExample());

  private static List<DocumentIndex<?>> withExample() {
    var indexes = new ArrayList<>(Indexes.all());
    indexes.add(new AddressIndex());
    return indexes;
  }

  @AfterEach
  void close() {
    shop.close();
  }

  @Test
  void shouldIndexAddressesWithTheirCustomersEmailAndFollowEmailChanges() {
    shop.insert("customers", customer(1)).insert("addresses", address(3, 1)).emit();
    assertThat(shop.<AddressDocument>latestDocuments("addresses").get("3").getCustomerEmail()).isEqualTo("c1@example.com");

    shop.update("customers", customer(1).with("email", "new@example.com")).emit();

    assertThat(shop.<AddressDocument>latestDocuments("addresses").get("3").getCustomerEmail()).isEqualTo("new@example.com");
  }
}
