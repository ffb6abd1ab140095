package dev.denorm.index.customer;

import static dev.denorm.testing.ShopRows.address;
import static dev.denorm.testing.ShopRows.customer;
import static dev.denorm.testing.ShopRows.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.denorm.document.Address;
import dev.denorm.document.CustomerDocument;
import dev.denorm.testkit.IndexTestDriver;
import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomerIndexTest {

  private final IndexTestDriver shop = new IndexTestDriver(new CustomerIndex());

  @AfterEach
  void close() {
    shop.close();
  }

  private CustomerDocument latest(long id) {
    return shop.<CustomerDocument>documents("customers").get(Long.toString(id));
  }

  @Test
  void shouldEmitCustomerWithNoAddressesAndZeroOrdersWhenInserted() {
    shop.insert("customers", customer(1)).emit();

    CustomerDocument doc = latest(1);
    assertThat(doc.getId()).isEqualTo(1L);
    assertThat(doc.getEmail()).isEqualTo("c1@example.com");
    assertThat(doc.getFirstName()).isEqualTo("Ada1");
    assertThat(doc.getLastName()).isEqualTo("Lovelace");
    assertThat(doc.getCreatedAt()).isEqualTo(Instant.parse("2026-03-01T09:30:00.123456Z"));
    assertThat(doc.getAddresses()).isEmpty();
    assertThat(doc.getOrderCount()).isZero();
  }

  @Test
  void shouldNestAddressesSortedByIdWhenParentComesFirst() {
    shop.insert("customers", customer(1)).insert("addresses", address(30, 1))
        .insert("addresses", address(10, 1).with("kind", "billing").with("postal_code", null)).emit();

    var addresses = latest(1).getAddresses();
    assertThat(addresses).extracting(Address::getId).containsExactly(10L, 30L);
    Address first = addresses.get(0);
    assertThat(first.getKind()).isEqualTo("billing");
    assertThat(first.getStreet()).isEqualTo("10 Main St");
    assertThat(first.getCity()).isEqualTo("Springfield");
    assertThat(first.getPostalCode()).isNull();
    assertThat(first.getCountry()).as("char(2) keeps its blank padding").isEqualTo("B ");
  }

  @Test
  void shouldNestAddressesWhenChildrenComeBeforeParent() {
    shop.insert("addresses", address(2, 1)).insert("orders", order(5, 1, null)).emit();
    assertThat(shop.newWrites("customers")).isEmpty();

    shop.insert("customers", customer(1)).emit();

    CustomerDocument doc = latest(1);
    assertThat(doc.getAddresses()).extracting(Address::getId).containsExactly(2L);
    assertThat(doc.getOrderCount()).isOne();
  }

  @Test
  void shouldRemoveAddressWhenChildDeleted() {
    shop.insert("customers", customer(1)).insert("addresses", address(1, 1)).insert("addresses", address(2, 1)).emit();

    shop.delete("addresses", 1).emit();

    assertThat(latest(1).getAddresses()).extracting(Address::getId).containsExactly(2L);
    shop.delete("addresses", 2).emit();
    assertThat(latest(1).getAddresses()).isEmpty();
  }

  @Test
  void shouldEmitTombstoneWhenCustomerDeleted() {
    shop.insert("customers", customer(1)).insert("addresses", address(1, 1)).emit().newWrites("customers");

    shop.delete("customers", 1).emit();

    assertThat(shop.<CustomerDocument>newWrites("customers")).containsExactly(KeyValue.pair("1", null));
    shop.update("addresses", address(1, 1).with("city", "Elsewhere")).emit();
    assertThat(shop.newWrites("customers")).as("an address alone makes no document").isEmpty();
  }

  @Test
  void shouldUpdateBothCustomersWhenAddressMovesToAnotherCustomer() {
    shop.insert("customers", customer(1)).insert("customers", customer(2)).insert("addresses", address(7, 1)).emit();

    shop.update("addresses", address(7, 2)).emit();

    var docs = shop.<CustomerDocument>documents("customers");
    assertThat(docs.get("1").getAddresses()).isEmpty();
    assertThat(docs.get("2").getAddresses()).extracting(Address::getId).containsExactly(7L);
  }

  @Test
  void shouldCountOrdersAndUpdateBothCountsWhenOrderMovesToAnotherCustomer() {
    shop.insert("customers", customer(1)).insert("customers", customer(2))
        .insert("orders", order(1, 1, null)).insert("orders", order(2, 1, null)).emit();
    assertThat(latest(1).getOrderCount()).isEqualTo(2);

    shop.update("orders", order(2, 2, null)).emit();

    var docs = shop.<CustomerDocument>documents("customers");
    assertThat(docs.get("1").getOrderCount()).isEqualTo(1);
    assertThat(docs.get("2").getOrderCount()).isEqualTo(1);
  }

  @Test
  void shouldDecrementOrderCountWhenOrderDeleted() {
    shop.insert("customers", customer(1)).insert("orders", order(1, 1, null)).emit();

    shop.delete("orders", 1).emit();

    assertThat(latest(1).getOrderCount()).isZero();
  }

  @Test
  void shouldEmitNothingWhenDeletingAddressThatNeverExisted() {
    shop.insert("customers", customer(1)).emit().newWrites("customers");

    shop.delete("addresses", 99).delete("customers", 98).emit();

    assertThat(shop.newWrites("customers")).isEmpty();
  }

  @Test
  void shouldMoveAddressWhenItsPrimaryKeyChanges() {
    shop.insert("customers", customer(1)).insert("addresses", address(1, 1)).emit();

    shop.delete("addresses", 1).insert("addresses", address(5, 1)).emit();

    assertThat(latest(1).getAddresses()).extracting(Address::getId).containsExactly(5L);
  }

  @Test
  void shouldRestoreDocumentWithItsChildrenWhenCustomerDeletedAndReinserted() {
    shop.insert("customers", customer(1)).insert("addresses", address(1, 1)).insert("orders", order(1, 1, null)).emit();
    shop.delete("customers", 1).emit().newWrites("customers");

    shop.insert("customers", customer(1).with("email", "new@example.com")).emit();

    CustomerDocument doc = latest(1);
    assertThat(doc.getEmail()).isEqualTo("new@example.com");
    assertThat(doc.getAddresses()).hasSize(1);
    assertThat(doc.getOrderCount()).isOne();
  }

  @Test
  void shouldNotRewriteTheCustomerWhenOnlyAnOrdersStatusChanges() {
    shop.insert("customers", customer(1)).insert("orders", order(1, 1, null)).emit().emit();
    shop.newWrites("customers");

    shop.update("orders", order(1, 1, null).with("status", "SHIPPED")).emit().emit();

    assertThat(shop.newWrites("customers")).as("order_count is unchanged").isEmpty();
  }
}
